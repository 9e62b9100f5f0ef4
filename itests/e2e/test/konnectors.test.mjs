// Konnectors end to end: the sample konnector (konnectors/hearth-bills) installed through the
// installer imports bills and their PDFs from the fake vendor site on loopback, as the Home app
// sets it up (folder, account, @cron trigger, launch), watched on realtime; a re-run imports
// nothing twice; a wrong password ends with LOGIN_FAILED and the next automatic run is skipped;
// deleting the account runs on_delete_account. Then a konnector bundled with esbuild on the real
// cozy-client runs on the sandbox's globals.
import '../lib/localhost-dns.mjs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { api, createInstance, startServer } from '../lib/hearth.mjs';
import { BILLS_MANIFEST, VENDOR, billsArchive, cozyClientArchive, realtime, startFakeVendor, trustAddress } from '../lib/konnectors.mjs';

const SLUG = BILLS_MANIFEST.slug;
const SCOPE = ['io.cozy.konnectors', 'io.cozy.accounts', 'io.cozy.triggers', 'io.cozy.jobs', 'io.cozy.jobs.events:GET',
  'io.cozy.bills', 'io.cozy.files'].join(' ');
const RARELY = '0 0 3 1 1 *'; // a @cron that does not fire during the test
const PDF_NAMES = ['2026-01-05_Ember-Energy_23.90EUR.pdf', '2026-02-05_Ember-Energy_23.90EUR.pdf', '2026-03-05_Ember-Energy_31.50EUR.pdf'];

const here = path.dirname(fileURLToPath(import.meta.url));
const reports = path.resolve(process.env.HEARTH_E2E_REPORTS || path.join(here, '..', '..', 'target', 'e2e-reports'));

let server;
let vendor;
let instance;
let token;
let socket;
let folder; // { id, path }
let accountId;
let triggerId;

const call = (method, path, body) => api(instance, token, method, path, body);

async function createFolder(name) {
  const r = await call('POST', `/files/io.cozy.files.root-dir?Type=directory&Name=${encodeURIComponent(name)}`);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { id: r.body.data.id, path: r.body.data.attributes.path };
}

async function createAccount(slug, auth) {
  const r = await call('POST', '/data/io.cozy.accounts/', { account_type: slug, auth });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

async function createCronTrigger(message) {
  const r = await call('POST', '/jobs/triggers', { data: { attributes: { type: '@cron', arguments: RARELY, worker: 'konnector', message } } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.data.id;
}

/** Launches the trigger by hand; resolves with the job's last io.cozy.jobs document, once it ended. */
async function launch(id) {
  const r = await call('POST', `/jobs/triggers/${id}/launch`);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return ended(r.body.data.id);
}

async function ended(jobId) {
  const e = await socket.waitFor((x) => x.doctype === 'io.cozy.jobs' && x.id === jobId && ['done', 'errored'].includes(x.doc?.state), 120_000);
  return e.doc;
}

/** The job's events (io.cozy.jobs.events on realtime) as "type message" lines. */
const eventsOf = (jobId) => socket.events
  .filter((x) => x.doctype === 'io.cozy.jobs.events' && x.id === jobId && x.event === 'CREATED')
  .map((x) => `${x.doc.type} ${x.doc.message}`);

/** Polls `probe` until it answers something (10 s at most). */
async function until(probe) {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing came of ${probe}`);
}

async function fileAt(path) {
  const r = await call('GET', `/files/metadata?Path=${encodeURIComponent(path)}`);
  return r.status === 200 ? { id: r.body.data.id, ...r.body.data.attributes } : null;
}

async function folderContents(id) {
  const r = await call('GET', `/files/${id}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return (r.body.included || []).map((f) => f.attributes.name).sort();
}

async function billsOf(vendorName) {
  const index = await call('POST', '/data/io.cozy.bills/_index', { index: { fields: ['vendor'] } });
  assert.ok([200, 201].includes(index.status), JSON.stringify(index.body));
  const r = await call('POST', '/data/io.cozy.bills/_find', { selector: { vendor: vendorName }, limit: 100 });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.docs;
}

before(async () => {
  vendor = await startFakeVendor();
  // A server of its own: trusting the vendor's address restarts the sandbox, which other test
  // files running meanwhile on the suite's server use.
  fs.mkdirSync(reports, { recursive: true });
  server = await startServer({ logFile: path.join(reports, 'hearth-server-konnectors.log') });
  instance = await createInstance(server, 'konnectors');
  token = await instance.token(SCOPE);
  await trustAddress(server, `127.0.0.1:${vendor.port}`);
  socket = await realtime(instance, token, ['io.cozy.jobs', 'io.cozy.jobs.events']);
});

after(async () => {
  socket?.close();
  await vendor?.stop();
  await server?.stop();
});

describe('the sample konnector, Ember Energy bills', () => {
  test('is installed from its archive through the installer', async () => {
    const r = await call('POST', `/konnectors/${SLUG}?Source=${encodeURIComponent(pathToFileURL(billsArchive()).href)}`);
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.equal(r.body.data.type, 'io.cozy.konnectors');
    assert.equal(r.body.data.attributes.state, 'ready');
    assert.equal(r.body.data.attributes.version, BILLS_MANIFEST.version);
  });

  test('a @cron trigger launched by hand imports the bills and their PDFs into folder_to_save', async () => {
    folder = await createFolder('Ember Energy');
    const ref = await call('POST', `/files/${folder.id}/relationships/referenced_by`,
      { data: [{ type: 'io.cozy.konnectors', id: `io.cozy.konnectors/${SLUG}` }] });
    assert.ok(ref.status < 300, JSON.stringify(ref.body));
    accountId = await createAccount(SLUG, { login: VENDOR.login, password: VENDOR.password, url: `${vendor.url}/` });
    triggerId = await createCronTrigger({ konnector: SLUG, account: accountId, folder_to_save: folder.id });

    const job = await launch(triggerId);
    assert.equal(job.state, 'done', `${job.error}: ${eventsOf(job._id).join(' | ')}`);
    assert.equal(job.worker, 'konnector');
    assert.equal(job.trigger_id, triggerId);
    assert.equal(job.manual_execution, true);
    const states = socket.events.filter((x) => x.doctype === 'io.cozy.jobs' && x.id === job._id).map((x) => x.doc.state);
    assert.deepEqual(states.filter((x, i) => x !== states[i - 1]).slice(-2), ['running', 'done'], states.join(' '));
    const events = eventsOf(job._id);
    for (const line of ['info Signed in', 'info Found 3 bills', `info Imported 3 new bills and 3 new files into ${folder.path}`]) {
      assert.ok(events.includes(line), `${line} in ${events.join(' | ')}`);
    }

    assert.deepEqual(await folderContents(folder.id), PDF_NAMES);
    const files = {};
    for (const name of PDF_NAMES) {
      const f = await fileAt(`${folder.path}/${name}`);
      assert.ok(f, name);
      assert.equal(f.dir_id, folder.id);
      assert.equal(f.mime, 'application/pdf');
      assert.equal(f.cozyMetadata?.sourceAccount, accountId, JSON.stringify(f.cozyMetadata));
      assert.equal(f.cozyMetadata?.sourceAccountIdentifier, VENDOR.login);
      const pdf = await fetch(`${instance.url}/files/download/${f.id}`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(pdf.status, 200);
      const text = Buffer.from(await pdf.arrayBuffer()).toString('latin1');
      assert.ok(text.startsWith('%PDF-1.4') && text.trimEnd().endsWith('%%EOF'), text.slice(0, 40));
      files[f.id] = f;
    }

    const bills = await billsOf(VENDOR.name);
    assert.equal(bills.length, 3);
    assert.deepEqual(bills.map((b) => [b.date.slice(0, 10), b.amount, b.currency]).sort(),
      [['2026-01-05', 23.9, 'EUR'], ['2026-02-05', 23.9, 'EUR'], ['2026-03-05', 31.5, 'EUR']]);
    for (const b of bills) {
      const file = files[b.invoice.replace('io.cozy.files:', '')];
      assert.ok(file, `the bill of ${b.date} is linked to its PDF (${b.invoice})`);
      assert.ok(file.name.startsWith(b.date.slice(0, 10)));
      assert.equal(b.cozyMetadata?.sourceAccount, accountId);
    }
    assert.equal((await vendor.stats()).pdfs, 3);
  });

  test('a re-run imports nothing twice, then only a new bill', async () => {
    const job = await launch(triggerId);
    assert.equal(job.state, 'done', job.error);
    assert.ok(eventsOf(job._id).includes(`info Imported 0 new bills and 0 new files into ${folder.path}`), eventsOf(job._id).join(' | '));
    assert.deepEqual(await folderContents(folder.id), PDF_NAMES);
    assert.equal((await billsOf(VENDOR.name)).length, 3);
    assert.equal((await vendor.stats()).pdfs, 3, 'no PDF downloaded again');

    await vendor.addBill({ id: 'EE-2026-004', date: '2026-04-05', amount: '27.10' });
    const next = await launch(triggerId);
    assert.equal(next.state, 'done', next.error);
    assert.equal((await billsOf(VENDOR.name)).length, 4);
    assert.deepEqual(await folderContents(folder.id), [...PDF_NAMES, '2026-04-05_Ember-Energy_27.10EUR.pdf']);
    assert.equal((await vendor.stats()).pdfs, 4);
  });

  test('a wrong password ends errored with LOGIN_FAILED, and the next automatic run is skipped', async () => {
    const account = await call('GET', `/data/io.cozy.accounts/${accountId}`);
    const put = await call('PUT', `/data/io.cozy.accounts/${accountId}`, { ...account.body, auth: { ...account.body.auth, password: 'not the password' } });
    assert.ok([200, 201].includes(put.status), JSON.stringify(put.body));

    const job = await launch(triggerId);
    assert.equal(job.state, 'errored');
    assert.equal(job.error, 'LOGIN_FAILED');
    assert.ok(eventsOf(job._id).includes('critical LOGIN_FAILED'), eventsOf(job._id).join(' | '));
    // The trigger's state follows the job's end (not necessarily before the job's realtime event).
    const state = await until(async () => {
      const r = await call('GET', `/jobs/triggers/${triggerId}/state`);
      return r.body.data.attributes.last_failed_job_id === job._id ? r.body.data.attributes : null;
    });
    assert.equal(state.last_error, 'LOGIN_FAILED');
    assert.equal(state.status, 'errored');
    assert.equal((await vendor.stats()).failedLogins, 1);

    // The trigger now fires every two seconds: as in cozy-stack, its automatic runs create no job
    // (the worker declines them before they exist) and try no login, while its schedule goes on.
    const patched = await call('PATCH', `/jobs/triggers/${triggerId}`, { data: { attributes: { arguments: '*/2 * * * * *' } } });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    const nextOf = async () => Date.parse((await call('GET', `/jobs/triggers/${triggerId}`)).body.data.attributes.next_execution);
    const due = await nextOf();
    await until(async () => (await nextOf()) - due >= 4000 || null);
    const back = await call('PATCH', `/jobs/triggers/${triggerId}`, { data: { attributes: { arguments: RARELY } } });
    assert.equal(back.status, 200, JSON.stringify(back.body));
    const automatic = (await call('GET', `/jobs/triggers/${triggerId}/jobs`)).body.data
      .filter((j) => j.attributes.manual_execution === false);
    assert.deepEqual(automatic, [], 'no job for the automatic runs');
    assert.equal(socket.events.filter((x) => x.doctype === 'io.cozy.jobs' && x.doc?.trigger_id === triggerId
      && x.doc?.manual_execution === false).length, 0);
    const stats = await vendor.stats();
    assert.equal(stats.failedLogins, 1, 'no login was tried');
    assert.equal((await billsOf(VENDOR.name)).length, 4);
  });

  test('deleting the account runs on_delete_account and deletes its trigger', async () => {
    const account = await call('GET', `/data/io.cozy.accounts/${accountId}`);
    const put = await call('PUT', `/data/io.cozy.accounts/${accountId}`, { ...account.body, auth: { ...account.body.auth, password: VENDOR.password } });
    assert.ok([200, 201].includes(put.status), JSON.stringify(put.body));
    const deleted = await call('DELETE', `/data/io.cozy.accounts/${accountId}?rev=${put.body.rev}`);
    assert.equal(deleted.status, 200, JSON.stringify(deleted.body));

    const cleanup = await socket.waitFor((x) => x.doctype === 'io.cozy.jobs' && x.doc?.worker === 'konnector'
      && x.doc?.message?.account === accountId && x.doc?.message?.account_deleted === true
      && ['done', 'errored'].includes(x.doc?.state));
    assert.equal(cleanup.doc.state, 'done', `${cleanup.doc.error}: ${eventsOf(cleanup.id).join(' | ')}`);
    assert.ok(eventsOf(cleanup.id).includes(`info Account ${accountId} deleted: unlinking it at the vendor`), eventsOf(cleanup.id).join(' | '));
    // The script reads the account as it was with GET /data/io.cozy.accounts/:id?rev=<account_rev>,
    // which the store answers from the revision the deletion replaced (CouchDB keeps it until a
    // compaction), then unlinks the login at the vendor with the account's credentials.
    assert.equal(cleanup.doc.message.account_rev, put.body.rev);
    assert.equal(eventsOf(cleanup.id).at(-1), `info Unlinked ${VENDOR.login} at the vendor`, eventsOf(cleanup.id).join(' | '));
    assert.equal((await vendor.stats()).unlinks, 1);
    // The same read with the admin's token: the deleted revision, the tombstone on a plain GET.
    const kept = await call('GET', `/data/io.cozy.accounts/${accountId}?rev=${put.body.rev}`);
    assert.equal(kept.status, 200, JSON.stringify(kept.body));
    assert.equal(kept.body.auth.login, VENDOR.login);
    assert.equal((await call('GET', `/data/io.cozy.accounts/${accountId}`)).status, 404);
    assert.equal((await call('GET', `/jobs/triggers/${triggerId}`)).status, 404);
    // What was imported stays.
    assert.equal((await billsOf(VENDOR.name)).length, 4);
  });
});

describe('a konnector bundled with esbuild on the real cozy-client', () => {
  test('runs on the sandbox globals: reads its account and folder, queries, saves a document and uploads a file', async () => {
    const archive = await cozyClientArchive();
    const installed = await call('POST', `/konnectors/cozy-client-check?Source=${encodeURIComponent(pathToFileURL(archive).href)}`);
    assert.equal(installed.status, 202, JSON.stringify(installed.body));
    const checks = await createFolder('Checks');
    const account = await createAccount('cozy-client-check', { login: 'someone' });
    const trigger = await createCronTrigger({ konnector: 'cozy-client-check', account, folder_to_save: checks.id });

    for (const run of [1, 2]) {
      const job = await launch(trigger);
      const events = eventsOf(job._id);
      assert.equal(job.state, 'done', `${job.error}: ${events.join(' | ')}`);
      assert.ok(events.includes(`info account ${account} of type cozy-client-check`), events.join(' | '));
      assert.ok(events.includes(`info folder ${checks.path}`), events.join(' | '));
      assert.ok(events.some((e) => e.startsWith(`info bills ${run - 1} -> ${run}, saved `)), events.join(' | '));
      const file = await fileAt(`${checks.path}/check-${run}.txt`);
      assert.ok(file, `check-${run}.txt`);
      assert.ok(events.includes(`info file check-${run}.txt ${file.id}`), events.join(' | '));
      const body = await fetch(`${instance.url}/files/download/${file.id}`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(await body.text(), `written by cozy-client, run ${run}`);
    }
    assert.equal((await billsOf('cozy-client check')).length, 2);
  });
});

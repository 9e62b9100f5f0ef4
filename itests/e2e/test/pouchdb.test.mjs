// PouchDB 9 (the engine of cozy-pouch-link) replicating with an instance's /data/<doctype>:
// the server is a CouchDB replication source and target (_changes, _bulk_get, _revs_diff,
// _bulk_docs new_edits:false, _local checkpoints, _all_docs with conflicts).
import '../lib/localhost-dns.mjs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { acquireServer, api, createInstance, releaseServer } from '../lib/hearth.mjs';
import { PouchDB, expectedWinner, localDb, remoteDb, snapshot } from '../lib/pouch.mjs';

const PREFIX = 'io.cozy.e2e.pouch';
const DOCTYPES = ['bulk', 'deletes', 'conflicts', 'resume.pull', 'resume.push', 'filtered', 'initial'].map((d) => `${PREFIX}.${d}`);
let server;
let instance;
let token;

before(async () => {
  server = await acquireServer();
  instance = await createInstance(server, 'pouch');
  token = await instance.token(DOCTYPES.join(' '));
});

after(async () => {
  await releaseServer();
});

/** A remote database whose HTTP requests are recorded as "METHOD path?query". */
function recordedRemote(doctype) {
  const requests = [];
  const url = new URL(`${instance.url}/data/${doctype}`);
  url.username = 'user';
  url.password = token;
  const db = new PouchDB(url.toString(), {
    adapter: 'http',
    fetch(resource, opts) {
      const u = new URL(resource);
      requests.push(`${opts.method || 'GET'} ${decodeURIComponent(u.pathname)}${u.search}`);
      return PouchDB.fetch(resource, opts);
    },
  });
  return { db, requests };
}

function someDocs(count, from = 0, prefix = 'doc') {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return {
      _id: `${prefix}-${String(i).padStart(5, '0')}`,
      n: i,
      title: `Document ${i} – ünïcödé ✓`,
      done: i % 2 === 0,
      nothing: null,
      tags: [`t${i % 7}`, `t${i % 11}`],
      nested: { depth: { value: i * 1.5, text: 'x'.repeat(i % 40) } },
    };
  });
}

function assertReplicated(result, { read, written }, what) {
  assert.equal(result.ok, true, `${what}: ok`);
  assert.deepEqual(result.errors, [], `${what}: errors`);
  assert.equal(result.doc_write_failures, 0, `${what}: doc_write_failures`);
  if (read !== undefined) assert.equal(result.docs_read, read, `${what}: docs_read`);
  if (written !== undefined) assert.equal(result.docs_written, written, `${what}: docs_written`);
}

describe('PouchDB replication with /data/:doctype', { timeout: 180_000 }, () => {
  test('pushes 3000 documents, pulls them into a fresh database, then replicates updates', async () => {
    const doctype = `${PREFIX}.bulk`;
    const a = localDb('a');
    const b = localDb('b');
    const remote = remoteDb(instance, token, doctype);
    await a.bulkDocs(someDocs(3000));

    const push = await a.replicate.to(remote, { batch_size: 500 });
    assertReplicated(push, { read: 3000, written: 3000 }, 'push');
    const info = await remote.info();
    assert.equal(info.doc_count, 3000, 'remote doc_count');

    const pull = await b.replicate.from(remote, { batch_size: 500 });
    assertReplicated(pull, { read: 3000, written: 3000 }, 'pull');

    const sa = await snapshot(a);
    assert.equal(sa.length, 3000);
    assert.deepEqual(await snapshot(b), sa, 'the pulled database equals the pushed one (ids, revs, bodies)');
    assert.deepEqual(await snapshot(remote), sa, 'the server has the same documents (ids, revs, bodies)');

    // Updates: the checkpoints make the next replications read only the 100 changed documents.
    const changed = (await a.allDocs({ include_docs: true, limit: 100, skip: 1000 })).rows.map((r) => ({ ...r.doc, updated: true }));
    const updated = await a.bulkDocs(changed);
    assert.ok(updated.every((r) => r.ok && r.rev.startsWith('2-')));
    assertReplicated(await a.replicate.to(remote, { batch_size: 500 }), { read: 100, written: 100 }, 'second push');
    assertReplicated(await b.replicate.from(remote, { batch_size: 500 }), { read: 100, written: 100 }, 'second pull');
    const sa2 = await snapshot(a);
    assert.deepEqual(await snapshot(b), sa2);
    assert.deepEqual(await snapshot(remote), sa2);
    assert.equal(sa2.filter((r) => r.rev.startsWith('2-') && r.doc.updated === true).length, 100);
  });

  test('deletions replicate both ways', async () => {
    const doctype = `${PREFIX}.deletes`;
    const a = localDb('a');
    const b = localDb('b');
    const remote = remoteDb(instance, token, doctype);
    await a.bulkDocs(someDocs(50));
    assertReplicated(await a.replicate.to(remote), { written: 50 }, 'initial push');
    assertReplicated(await b.replicate.from(remote), { written: 50 }, 'initial pull');

    // Local deletions go to the server...
    const localDeleted = (await a.allDocs({ limit: 10 })).rows;
    await a.bulkDocs(localDeleted.map((r) => ({ _id: r.id, _rev: r.value.rev, _deleted: true })));
    assertReplicated(await a.replicate.to(remote), { read: 10, written: 10 }, 'push of deletions');
    for (const r of localDeleted) {
      const res = await api(instance, token, 'GET', `/data/${doctype}/${r.id}`);
      assert.equal(res.status, 404, `GET ${r.id} after its deletion was pushed`);
      assert.equal(res.body.reason, 'deleted', `GET ${r.id}: reason`);
    }

    // ...and deletions made on the server by another client come down.
    const remoteDeleted = (await a.allDocs({ skip: 10, limit: 10 })).rows;
    for (const r of remoteDeleted) {
      const res = await api(instance, token, 'DELETE', `/data/${doctype}/${r.id}?rev=${r.value.rev}`);
      assert.equal(res.status, 200, `DELETE ${r.id}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.deleted, true);
      assert.match(res.body.rev, /^2-/);
    }
    assertReplicated(await b.replicate.from(remote), { read: 20, written: 20 }, 'pull of 20 deletions');
    assertReplicated(await a.replicate.from(remote), { written: 10 }, 'pull of the server-side deletions');

    for (const db of [a, b]) {
      for (const r of [...localDeleted, ...remoteDeleted]) {
        await assert.rejects(db.get(r.id), (e) => e.status === 404 && e.reason === 'deleted', `${r.id} deleted locally`);
      }
    }
    const sa = await snapshot(a);
    assert.equal(sa.length, 30);
    assert.deepEqual(await snapshot(b), sa);
    assert.deepEqual(await snapshot(remote), sa);

    const changes = await api(instance, token, 'GET', `/data/${doctype}/_changes?since=0`);
    assert.equal(changes.status, 200);
    assert.equal(changes.body.results.length, 50);
    assert.equal(changes.body.results.filter((c) => c.deleted === true).length, 20, '_changes marks the 20 deletions');
  });

  test('conflicting edits on both sides converge to the same winner and _conflicts', async () => {
    const doctype = `${PREFIX}.conflicts`;
    const a = localDb('a');
    const b = localDb('b');
    const remote = remoteDb(instance, token, doctype);
    await a.bulkDocs(someDocs(20));
    await a.replicate.to(remote);
    assertReplicated(await b.replicate.from(remote), { written: 20 }, 'initial pull');

    const expected = new Map(); // id -> { winner, conflicts }
    const ids = (await a.allDocs()).rows.map((r) => r.id);
    for (const [i, id] of ids.entries()) {
      if (i >= 15) continue; // untouched
      const docA = await a.get(id);
      const docB = await b.get(id);
      let revA = (await a.put({ ...docA, side: 'a' })).rev;
      if (i >= 10) revA = (await a.put({ ...(await a.get(id)), side: 'a', again: true })).rev; // longer branch on a
      const revB = (await b.put({ ...docB, side: 'b' })).rev;
      const winner = expectedWinner([revA, revB]);
      expected.set(id, { winner, conflicts: [winner === revA ? revB : revA], side: winner === revA ? 'a' : 'b' });
    }

    const first = await a.sync(remote);
    assertReplicated(first.push, { written: 15 }, 'a push');
    const second = await b.sync(remote);
    assertReplicated(second.push, { written: 15 }, 'b push (conflicting revisions, new_edits:false)');
    assertReplicated(second.pull, {}, 'b pull');
    const third = await a.sync(remote);
    assertReplicated(third.pull, {}, 'a pull');

    const sa = await snapshot(a);
    const sb = await snapshot(b);
    const sr = await snapshot(remote);
    for (const [id, exp] of expected) {
      for (const [side, snap] of [['a', sa], ['b', sb], ['server', sr]]) {
        const row = snap.find((r) => r.id === id);
        assert.equal(row.rev, exp.winner, `${side}: winning revision of ${id}`);
        assert.deepEqual(row.doc._conflicts, exp.conflicts, `${side}: _conflicts of ${id}`);
        assert.equal(row.doc.side, exp.side, `${side}: body of the winner of ${id}`);
      }
      const single = await api(instance, token, 'GET', `/data/${doctype}/${encodeURIComponent(id)}?conflicts=true`);
      assert.equal(single.status, 200);
      assert.equal(single.body._rev, exp.winner, `GET /data/${doctype}/${id}: winner`);
      assert.deepEqual(single.body._conflicts, exp.conflicts, `GET /data/${doctype}/${id}?conflicts=true: _conflicts`);
    }
    assert.deepEqual(sb, sa, 'both local databases are identical');
    assert.deepEqual(sr, sa, 'the server is identical to the local databases');
    assert.equal(sa.filter((r) => r.doc._conflicts).length, 15);

    // Resolving the conflicts on one side (removing the losing branches) reaches everyone.
    for (const [id, exp] of expected) await b.remove(id, exp.conflicts[0]);
    await b.sync(remote);
    await a.sync(remote);
    const resolved = await snapshot(a);
    assert.equal(resolved.filter((r) => r.doc._conflicts).length, 0, 'no conflicts left on a');
    for (const [id, exp] of expected) assert.equal(resolved.find((r) => r.id === id).rev, exp.winner);
    assert.deepEqual(await snapshot(b), resolved);
    assert.deepEqual(await snapshot(remote), resolved);
  });

  test('an interrupted pull resumes from its checkpoint', async () => {
    const doctype = `${PREFIX}.resume.pull`;
    const seed = localDb('seed');
    await seed.bulkDocs(someDocs(600));
    assertReplicated(await seed.replicate.to(remoteDb(instance, token, doctype), { batch_size: 200 }), { written: 600 }, 'seed');

    const b = localDb('b');
    const { db: remote, requests } = recordedRemote(doctype);
    const first = b.replicate.from(remote, { batch_size: 50, batches_limit: 1 });
    first.on('change', (info) => {
      if (info.docs_written >= 200) first.cancel();
    });
    const firstResult = await first;
    assert.equal(firstResult.status, 'cancelled');
    const written = firstResult.docs_written;
    assert.ok(written >= 200 && written < 600, `first replication wrote ${written} documents before it was cancelled`);
    assert.equal((await b.info()).doc_count, written);

    const checkpointPut = requests.filter((r) => r.startsWith('PUT ') && r.includes('/_local/')).at(-1);
    assert.ok(checkpointPut, `the replication wrote a checkpoint on the server: ${requests.join('\n')}`);
    const localPath = checkpointPut.slice(4).split('?')[0].replace(/^\/data\/[^/]+\//, '');
    const checkpoint = await api(instance, token, 'GET', `/data/${doctype}/${localPath.split('/').map(encodeURIComponent).join('/')}`);
    assert.equal(checkpoint.status, 200, `GET the checkpoint ${localPath}: ${JSON.stringify(checkpoint.body)}`);
    assert.equal(checkpoint.body._id, localPath);
    assert.ok(checkpoint.body.last_seq !== undefined && checkpoint.body.last_seq !== 0, 'the checkpoint holds a last_seq');

    requests.length = 0;
    const second = await b.replicate.from(remote, { batch_size: 50, batches_limit: 1 });
    assertReplicated(second, { read: 600 - written, written: 600 - written }, 'resumed pull');
    const firstChanges = requests.find((r) => r.includes('/_changes'));
    assert.ok(firstChanges && new URL(`http://x${firstChanges.split(' ')[1]}`).searchParams.get('since') === String(checkpoint.body.last_seq),
      `the resumed pull asks for the changes since the checkpoint ${checkpoint.body.last_seq}: ${firstChanges}`);
    assert.deepEqual(await snapshot(b), await snapshot(seed));

    const after = await api(instance, token, 'GET', `/data/${doctype}/${localPath.split('/').map(encodeURIComponent).join('/')}`);
    const last = await api(instance, token, 'GET', `/data/${doctype}/_changes?limit=1&descending=true`);
    assert.equal(String(after.body.last_seq), String(last.body.last_seq), 'the final checkpoint is the last sequence of the server');
  });

  test('a second push reads only the new local changes (checkpoint stored on the server)', async () => {
    const doctype = `${PREFIX}.resume.push`;
    const a = localDb('a');
    const remote = remoteDb(instance, token, doctype);
    await a.bulkDocs(someDocs(300));
    assertReplicated(await a.replicate.to(remote, { batch_size: 100 }), { read: 300, written: 300 }, 'first push');
    await a.bulkDocs(someDocs(40, 300));
    assertReplicated(await a.replicate.to(remote, { batch_size: 100 }), { read: 40, written: 40 }, 'second push');
    assertReplicated(await a.replicate.to(remote, { batch_size: 100 }), { read: 0, written: 0 }, 'third push, nothing new');
    assert.deepEqual(await snapshot(remote), await snapshot(a));
  });

  test('filtered pulls: _selector (as cozy-pouch-link does) and _doc_ids', async () => {
    const doctype = `${PREFIX}.filtered`;
    const docs = someDocs(30).map((d, i) => (i % 3 === 0 ? { ...d, cozyLocalOnly: true } : d));
    const seed = localDb('seed');
    await seed.bulkDocs(docs);
    await seed.replicate.to(remoteDb(instance, token, doctype));

    const { db: remote, requests } = recordedRemote(doctype);
    const bySelector = localDb('selector');
    const res = await bySelector.replicate.from(remote, { selector: { cozyLocalOnly: { $exists: false } } });
    assertReplicated(res, { written: 20 }, 'pull with a selector');
    assert.ok(requests.some((r) => r.startsWith('POST ') && r.includes('/_changes') && r.includes('filter=_selector')),
      `PouchDB used POST _changes?filter=_selector: ${requests.filter((r) => r.includes('_changes')).join(', ')}`);
    const local = await snapshot(bySelector);
    assert.deepEqual(local.map((r) => r.id), docs.filter((d) => !d.cozyLocalOnly).map((d) => d._id));

    const wanted = ['doc-00001', 'doc-00007', 'doc-00029'];
    const byIds = localDb('ids');
    assertReplicated(await byIds.replicate.from(remote, { doc_ids: wanted }), { written: 3 }, 'pull with doc_ids');
    assert.deepEqual((await snapshot(byIds)).map((r) => r.id), wanted);
  });

  test("cozy-pouch-link's first synchronisation: last sequence, then _all_docs pages from startkey_docid", async () => {
    // cozy-pouch-link does not replicate the whole history the first time: it reads the last
    // sequence, then pages through _all_docs with startkey_docid = the last id of the previous
    // page (inclusive, it drops that first row).
    const doctype = `${PREFIX}.initial`;
    const docs = someDocs(30);
    const seed = localDb('seed');
    await seed.bulkDocs(docs);
    assertReplicated(await seed.replicate.to(remoteDb(instance, token, doctype)), { written: 30 }, 'seed');

    const last = await api(instance, token, 'GET', `/data/${doctype}/_changes?limit=1&descending=true`);
    assert.equal(last.status, 200);
    assert.equal(last.body.results.length, 1);
    const full = await api(instance, token, 'GET', `/data/${doctype}/_changes`);
    assert.equal(full.body.results.length, 30);
    assert.equal(last.body.last_seq, full.body.last_seq, 'limit=1&descending=true gives the last sequence');
    assert.equal(last.body.results[0].seq, full.body.results.at(-1).seq, 'descending: the last change first');
    assert.equal(typeof last.body.last_seq, 'string', 'sequences are strings');
    const page1 = await api(instance, token, 'GET', `/data/${doctype}/_all_docs?include_docs=true&limit=20`);
    assert.equal(page1.status, 200);
    assert.equal(page1.body.rows.length, 20);
    const lastId = page1.body.rows.at(-1).id;
    const page2 = await api(instance, token, 'GET', `/data/${doctype}/_all_docs?include_docs=true&limit=20&startkey_docid=${encodeURIComponent(lastId)}`);
    assert.equal(page2.status, 200);
    assert.equal(page2.body.rows[0].id, lastId, 'startkey_docid is inclusive');
    assert.deepEqual([...page1.body.rows, ...page2.body.rows.slice(1)].map((r) => r.id), docs.map((d) => d._id));
    assert.ok(page2.body.rows.every((r) => r.doc && r.doc._rev === r.value.rev));
  });
});

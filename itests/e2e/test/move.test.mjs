// A PouchDB replica (cozy-pouch-link's engine) of an instance that is exported and imported:
// against the imported instance it fetches no document again, and it sees the changes made after
// the move. Once into an instance of another name (a new replication), once into the instance
// re-created under the same name (the replica resumes from its checkpoint, which the archive kept).
import '../lib/localhost-dns.mjs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { acquireServer, adminFetch, api, createInstance, releaseServer } from '../lib/hearth.mjs';
import { PouchDB, localDb, snapshot } from '../lib/pouch.mjs';

const DOCTYPE = 'io.cozy.e2e.move';
let server;

before(async () => {
  server = await acquireServer();
});

after(async () => {
  await releaseServer();
});

/** A remote database whose requests are recorded as "METHOD path?query". */
function recordedRemote(url, token) {
  const requests = [];
  const u = new URL(`${url}/data/${DOCTYPE}`);
  u.username = 'user';
  u.password = token;
  const db = new PouchDB(u.toString(), {
    adapter: 'http',
    fetch(resource, opts) {
      const u2 = new URL(resource);
      requests.push(`${opts.method || 'GET'} ${decodeURIComponent(u2.pathname)}${u2.search}`);
      return PouchDB.fetch(resource, opts);
    },
  });
  return { db, requests };
}

async function exportArchive(domain) {
  const asked = await adminFetch(server, 'POST', `/instances/${encodeURIComponent(domain)}/export`);
  assert.equal(asked.status, 202, await asked.clone().text());
  const id = (await asked.json()).data.id;
  for (;;) {
    const state = (await (await adminFetch(server, 'GET', `/instances/${encodeURIComponent(domain)}/exports/${id}`)).json())
      .data.attributes.state;
    if (state === 'done') break;
    assert.equal(state, 'exporting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const data = await adminFetch(server, 'GET', `/instances/${encodeURIComponent(domain)}/exports/${id}/data`);
  assert.equal(data.status, 200);
  return Buffer.from(await data.arrayBuffer());
}

async function importArchive(domain, archive) {
  const auth = Buffer.from(`admin:${server.passphrase}`).toString('base64');
  const res = await fetch(`${server.adminUrl}/instances/${encodeURIComponent(domain)}/import`, {
    method: 'POST',
    headers: { Authorization: `Basic ${auth}` },
    body: archive,
  });
  assert.equal(res.status, 200, await res.text());
}

/** The requests that fetch document bodies: _bulk_get, or GET /data/<doctype>/<id>. */
function fetchedDocuments(requests) {
  return requests.filter((r) => r.includes('/_bulk_get') || /^GET \/data\/[^/]+\/[^_/?][^?]*/.test(r));
}

describe('a PouchDB replica after a move', { timeout: 180_000 }, () => {
  test('fetches nothing again from the imported instance and sees what changes there', async () => {
    const source = await createInstance(server, 'movesrc');
    const token = await source.token(DOCTYPE);
    const replica = localDb('replica');
    const docs = Array.from({ length: 400 }, (_, i) => ({ _id: `d${String(i).padStart(4, '0')}`, n: i }));
    await replica.bulkDocs(docs);
    const pushed = await replica.replicate.to(recordedRemote(source.url, token).db, { batch_size: 100 });
    assert.equal(pushed.docs_written, 400);
    await replica.put({ ...(await replica.get('d0001')), n: 'changed here' });
    await replica.replicate.to(recordedRemote(source.url, token).db);
    const pulled = await replica.replicate.from(recordedRemote(source.url, token).db);
    assert.equal(pulled.docs_written, 0);

    const archive = await exportArchive(source.domain);

    // Another instance: a new replication, which reads the changes but fetches no document.
    const target = await createInstance(server, 'movedst');
    await importArchive(target.domain, archive);
    const targetToken = await target.token(DOCTYPE);
    const other = recordedRemote(target.url, targetToken);
    const first = await replica.replicate.from(other.db, { batch_size: 100 });
    assert.equal(first.docs_written, 0, 'nothing written to the replica');
    assert.deepEqual(fetchedDocuments(other.requests), [], 'no document fetched');
    assert.deepEqual(await snapshot(replica), await snapshot(other.db));

    // The same name on a new instance: the replica resumes from its checkpoint.
    assert.equal((await adminFetch(server, 'DELETE', `/instances/${encodeURIComponent(source.domain)}`)).status, 204);
    const again = await adminFetch(server, 'POST', `/instances?Domain=${encodeURIComponent(source.domain)}`);
    assert.equal(again.status, 201);
    await importArchive(source.domain, archive);
    const newToken = await source.token(DOCTYPE);
    await api(source, newToken, 'PUT', `/data/${DOCTYPE}/after-the-move`, { n: 'new' });
    const same = recordedRemote(source.url, newToken);
    const resumed = await replica.replicate.from(same.db, { batch_size: 100 });
    assert.equal(resumed.docs_written, 1, 'only the change made after the move');
    assert.equal((await replica.get('after-the-move')).n, 'new');
    const changes = same.requests.filter((r) => r.includes('/_changes'));
    assert.ok(changes.length > 0 && /[?&]since=[1-9]/.test(changes[0]), `resumed from a checkpoint: ${changes[0]}`);
    assert.deepEqual(
      fetchedDocuments(same.requests).filter((r) => !r.includes('after-the-move')).filter((r) => !r.includes('_bulk_get')),
      [],
    );
  });
});

// cozy-stack-client (the HTTP layer of cozy-client) against an instance: a DocumentCollection
// on /data/<doctype>, used exactly as apps use it, with the shapes the client returns checked.
import '../lib/localhost-dns.mjs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import stackClientModule from 'cozy-stack-client';
import { acquireServer, createInstance, releaseServer } from '../lib/hearth.mjs';

const CozyStackClient = stackClientModule.default;
const { FetchError } = stackClientModule;

const DT = 'io.cozy.e2e.todos';
const DOCTYPES = [DT, `${DT}.pages`, `${DT}.find`, `${DT}.bulk`, `${DT}.changes`, `${DT}.empty`];
const READ_ONLY = 'io.cozy.e2e.todos.readonly';

let instance;
let client;
let readOnlyClient;

// Every request the clients make, as "METHOD /path?query" (cozy-stack-client uses the global fetch).
const requests = [];
const realFetch = globalThis.fetch;

before(async () => {
  const server = await acquireServer();
  instance = await createInstance(server, 'stackclient');
  client = new CozyStackClient({ uri: instance.url, token: await instance.token(DOCTYPES.join(' ')) });
  readOnlyClient = new CozyStackClient({ uri: instance.url, token: await instance.token(`${READ_ONLY}:GET`) });
  globalThis.fetch = (resource, opts) => {
    const u = new URL(typeof resource === 'string' ? resource : resource.url);
    if (u.host === instance.domain) requests.push(`${opts?.method || 'GET'} ${decodeURIComponent(u.pathname)}${decodeURIComponent(u.search)}`);
    return realFetch(resource, opts);
  };
});

after(async () => {
  globalThis.fetch = realFetch;
  await releaseServer();
});

function requestsSince(mark) {
  return requests.slice(mark);
}

function assertNormalized(doc, doctype) {
  assert.equal(typeof doc._id, 'string', `_id in ${JSON.stringify(doc)}`);
  assert.equal(doc.id, doc._id, 'id = _id');
  assert.equal(doc._type, doctype, '_type');
  assert.match(doc._rev, /^\d+-[0-9a-f]+$/, `_rev in ${JSON.stringify(doc)}`);
}

describe('cozy-stack-client DocumentCollection on /data/:doctype', { timeout: 120_000 }, () => {
  test('create, get, update, destroy', async () => {
    const todos = client.collection(DT);

    const created = await todos.create({ label: 'Buy milk', done: false, tags: ['home'], due: { day: 3 } });
    assertNormalized(created.data, DT);
    assert.match(created.data._rev, /^1-/);
    assert.equal(created.data.label, 'Buy milk');
    assert.deepEqual(created.data.due, { day: 3 });

    const fixed = await todos.create({ _id: 'fixed-id-1', label: 'With a fixed id' });
    assert.equal(fixed.data._id, 'fixed-id-1', 'create with _id uses PUT /data/:doctype/:id');
    assertNormalized(fixed.data, DT);

    const got = await todos.get(created.data._id);
    assertNormalized(got.data, DT);
    assert.equal(got.data._rev, created.data._rev);
    assert.equal(got.data.label, 'Buy milk');
    assert.deepEqual(got.data.tags, ['home']);

    const missing = await todos.get('does-not-exist');
    assert.equal(missing.data, null, 'get of a missing document resolves to { data: null } (404 not_found)');

    const updated = await todos.update({ ...got.data, done: true });
    assertNormalized(updated.data, DT);
    assert.match(updated.data._rev, /^2-/);
    assert.equal(updated.data.done, true);
    assert.equal((await todos.get(created.data._id)).data.done, true);

    await assert.rejects(todos.update({ ...got.data, done: false }), (e) => {
      assert.ok(e instanceof FetchError, `a FetchError, not ${e}`);
      assert.equal(e.status, 409);
      assert.match(e.message, /conflict/i);
      return true;
    }, 'update with a stale _rev is a 409 conflict');

    const destroyed = await todos.destroy(updated.data);
    assert.equal(destroyed.data._id, created.data._id);
    assert.equal(destroyed.data._deleted, true);
    assert.match(destroyed.data._rev, /^3-/, 'destroy returns the tombstone revision');
    assert.equal((await todos.get(created.data._id)).data, null, 'a deleted document reads as missing');

    const many = await todos.getAll([fixed.data._id, 'does-not-exist', created.data._id]);
    assert.deepEqual(many.data.map((d) => d._id), ['fixed-id-1'], 'getAll skips missing and deleted ids');
    assert.equal(many.meta.count, 1);
    assertNormalized(many.data[0], DT);
  });

  test('a read-only token can read but not write', async () => {
    const ro = readOnlyClient.collection(READ_ONLY);
    await assert.rejects(ro.create({ label: 'nope' }), (e) => {
      assert.ok(e instanceof FetchError);
      assert.equal(e.status, 403);
      return true;
    });
    const all = await ro.all();
    assert.deepEqual(all.data, [], 'all() on a doctype without documents is empty');
    await assert.rejects(readOnlyClient.collection(DT).all(), (e) => e.status === 403, 'another doctype is forbidden');
  });

  test('all() paginates with bookmarks, skips design docs; all({limit:null}) and all({keys})', async () => {
    const dt = `${DT}.pages`;
    const pages = client.collection(dt);
    const docs = Array.from({ length: 250 }, (_, i) => ({ _id: `p-${String(i).padStart(4, '0')}`, n: i }));
    const written = await pages.updateAll(docs);
    assert.equal(written.length, 250);
    assert.ok(written.every((r) => r.ok === true && r.rev.startsWith('1-')), JSON.stringify(written.find((r) => !r.ok)));
    await pages.createIndex(['n']); // a design document that must not show up in listings

    const seen = [];
    let resp = await pages.all({ limit: 100 });
    assert.equal(resp.data.length, 100);
    assert.equal(resp.meta.count, 250, 'meta.count = total_rows of _normal_docs (no design docs)');
    assert.equal(resp.next, true);
    assert.equal(resp.skip, 0);
    seen.push(...resp.data);
    let pagesRead = 1;
    while (resp.next) {
      assert.ok(resp.bookmark, `page ${pagesRead} has a bookmark`);
      resp = await pages.all({ limit: 100, bookmark: resp.bookmark });
      seen.push(...resp.data);
      if (++pagesRead > 10) assert.fail('all() keeps saying next: true');
    }
    assert.equal(pagesRead, 3);
    for (const d of seen) assertNormalized(d, dt);
    assert.deepEqual(seen.map((d) => d._id).sort(), docs.map((d) => d._id), 'the pages hold every document once');

    const bySkip = await pages.all({ limit: 100, skip: 200 });
    assert.equal(bySkip.data.length, 50);
    assert.equal(bySkip.next, false);
    assert.equal(bySkip.skip, 200);

    const everything = await pages.all({ limit: null });
    assert.equal(everything.data.length, 250, 'all({limit:null}) uses _all_docs and drops design docs');
    assert.ok(everything.data.every((d) => !d._id.startsWith('_design')));

    const some = await pages.all({ keys: ['p-0003', 'p-0100', 'nope'] });
    assert.deepEqual(some.data.map((d) => d._id), ['p-0003', 'p-0100'], 'all({keys}) drops the not_found rows');
    assert.equal(some.data[1].n, 100);

    const empty = await client.collection(`${DT}.empty`).all();
    assert.deepEqual([empty.data, empty.meta.count, empty.next], [[], 0, false], 'all() on a doctype with no database');
  });

  describe('find() with Mango selectors', () => {
    const dt = `${DT}.find`;
    const cats = ['a', 'b', 'c'];
    const docs = Array.from({ length: 90 }, (_, i) => ({ category: cats[i % 3], n: (i * 37) % 90, done: i % 5 === 0, label: `todo ${i}` }));
    const nsOf = (category, dir) => docs.filter((d) => d.category === category).map((d) => d.n).sort((x, y) => (dir === 'desc' ? y - x : x - y));
    let coll;

    before(async () => {
      coll = client.collection(dt);
      const res = await coll.updateAll(docs);
      assert.ok(res.every((r) => r.ok));
    });

    test('the client creates the missing index on no_index, retries, then pages with bookmark and skip', async () => {
      let mark = requests.length;
      const first = await coll.find({ category: 'b' }, { sort: [{ category: 'desc' }, { n: 'desc' }], limit: 10 });
      const made = requestsSince(mark);
      assert.ok(made.some((r) => r.startsWith(`POST /data/${dt}/_index`)), `the client created an index: ${made.join('\n')}`);
      assert.ok(made.filter((r) => r.startsWith(`POST /data/${dt}/_find`)).length >= 2, 'the query was retried after the index was created');
      assert.equal(first.data.length, 10);
      assert.equal(first.next, true);
      assert.equal(typeof first.bookmark, 'string');
      for (const d of first.data) {
        assertNormalized(d, dt);
        assert.equal(d.category, 'b');
      }
      const expected = nsOf('b', 'desc');
      assert.deepEqual(first.data.map((d) => d.n), expected.slice(0, 10), 'sorted by n descending');

      mark = requests.length;
      const all = await coll.findAll({ category: 'b' }, { sort: [{ category: 'desc' }, { n: 'desc' }], limit: 10 });
      assert.deepEqual(all.map((d) => d.n), expected, 'findAll follows next/bookmark through every page');
      assert.equal(requestsSince(mark).filter((r) => r.includes('/_index')).length, 0, 'the index is not created twice');
      const third = await coll.find({ category: 'b' }, { sort: [{ category: 'desc' }, { n: 'desc' }], limit: 10, skip: 20 });
      assert.deepEqual(third.data.map((d) => d.n), expected.slice(20, 30), 'skip');
      assert.equal(third.skip, 20);
    });

    test('sort on a field that is not in the selector (index [n, category], as the client builds it)', async () => {
      // The client indexes the sort fields first: { category: 'b' } sorted by n gives the index
      // by_n_and_category and the sort [{n:'desc'},{category:'desc'}]. CouchDB uses that index
      // (every index column is a sort field).
      const res = await coll.find({ category: 'a' }, { sort: [{ n: 'desc' }], limit: 10 });
      assert.deepEqual(res.data.map((d) => d.n), nsOf('a', 'desc').slice(0, 10));
      assert.ok(res.data.every((d) => d.category === 'a'));
    });

    test('an operator selector, sorted, with only some fields', async () => {
      const some = await coll.find({ n: { $gte: 80 } }, { indexedFields: ['n'], fields: ['n', 'label'], sort: [{ n: 'asc' }] });
      assert.deepEqual(some.data.map((d) => d.n), [80, 81, 82, 83, 84, 85, 86, 87, 88, 89]);
      for (const d of some.data) {
        assert.deepEqual(Object.keys(d).filter((k) => !['id', '_id', '_type', '_rev'].includes(k)).sort(), ['label', 'n'], 'only the asked fields');
        assert.match(d._rev, /^1-/, '_rev is always asked for');
      }
    });

    test('a partial index, as apps declare them', async () => {
      const partial = await coll.find({ category: 'c' }, {
        indexedFields: ['category', 'n'],
        partialFilter: { done: true },
        sort: [{ category: 'asc' }, { n: 'asc' }],
      });
      const expected = docs.filter((d) => d.category === 'c' && d.done).map((d) => d.n).sort((x, y) => x - y);
      assert.ok(expected.length > 0);
      assert.deepEqual(partial.data.map((d) => d.n), expected, 'done:true documents of category c');
    });
  });

  test('updateAll and destroyAll through _bulk_docs', async () => {
    const dt = `${DT}.bulk`;
    const coll = client.collection(dt);
    // The database does not exist yet: the server creates it (or the client falls back on create).
    const created = await coll.updateAll([{ label: 'one' }, { label: 'two' }, { _id: 'three', label: 'three' }]);
    assert.equal(created.length, 3);
    for (const r of created) {
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.equal(typeof r.id, 'string');
      assert.match(r.rev, /^1-/);
    }
    assert.equal(created[2].id, 'three');

    const current = (await coll.all()).data;
    assert.equal(current.length, 3);
    const stale = current.find((d) => d._id === 'three');
    const bumped = await coll.update({ ...stale, label: 'three bis' });
    const results = await coll.updateAll(current.map((d) => ({ ...d, label: `${d.label}!` })));
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    assert.equal(byId.three.error, 'conflict', `the stale revision of "three" is refused: ${JSON.stringify(byId.three)}`);
    assert.ok(!byId.three.ok);
    for (const d of current.filter((x) => x._id !== 'three')) {
      assert.equal(byId[d._id].ok, true);
      assert.match(byId[d._id].rev, /^2-/);
    }
    const after = Object.fromEntries((await coll.all()).data.map((d) => [d._id, d]));
    assert.equal(after.three.label, 'three bis');
    assert.equal(after.three._rev, bumped.data._rev);
    assert.deepEqual(Object.values(after).map((d) => d.label).sort(), ['one!', 'three bis', 'two!']);

    const destroyed = await coll.destroyAll(Object.values(after));
    assert.equal(destroyed.length, 3);
    assert.ok(destroyed.every((r) => r.ok === true && r.rev.startsWith('3-')), JSON.stringify(destroyed));
    const left = await coll.all();
    assert.deepEqual(left.data, []);
    assert.equal(left.meta.count, 0);
  });

  test('fetchChanges from a previous sequence, with deleted documents and doc_ids', async () => {
    const dt = `${DT}.changes`;
    const coll = client.collection(dt);
    const a = (await coll.create({ label: 'a' })).data;
    const b = (await coll.create({ label: 'b' })).data;

    const initial = await coll.fetchChanges();
    assert.equal(typeof initial.newLastSeq, 'string', 'last_seq is a string');
    assert.deepEqual(initial.documents.map((d) => d.label).sort(), ['a', 'b']);
    for (const d of initial.documents) assertNormalized(d, dt);

    const c = (await coll.create({ label: 'c' })).data;
    await coll.update({ ...a, label: 'a2' });
    await coll.destroy(b);

    const next = await coll.fetchChanges({ since: initial.newLastSeq });
    assert.deepEqual(next.documents.map((d) => d.label).sort(), ['a2', 'c'], 'only what changed since, deleted documents left out');
    assert.notEqual(next.newLastSeq, initial.newLastSeq);

    const withDeleted = await coll.fetchChanges({ since: initial.newLastSeq }, { includeDeleted: true });
    const deleted = withDeleted.documents.find((d) => d._id === b._id);
    assert.ok(deleted, 'includeDeleted keeps the deleted document');
    assert.equal(deleted._deleted, true);
    assert.match(deleted._rev, /^2-/);

    const none = await coll.fetchChanges({ since: next.newLastSeq });
    assert.deepEqual(none.documents, []);
    assert.equal(none.newLastSeq, next.newLastSeq);

    const raw = await coll.fetchChangesRaw({ since: initial.newLastSeq, doc_ids: [c._id] });
    assert.deepEqual(raw.results.map((r) => r.id), [c._id], 'POST _changes?filter=_doc_ids');
    assert.equal(typeof raw.last_seq, 'string');
    assert.match(raw.results[0].changes[0].rev, /^1-/);

    const limited = await coll.fetchChangesRaw({ since: 0, limit: 2 });
    assert.equal(limited.results.length, 2);
    assert.equal(limited.pending, 1, 'pending counts the changes after the page (one per document: a, b, c)');
  });
});

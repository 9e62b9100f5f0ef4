// PouchDB's query() (pouchdb-mapreduce 9) against a map-reduce view of an instance's
// /data/<doctype>, compared with the same query on an in-memory PouchDB holding the same
// documents and design document: the answers must be equal. The data keeps strings to lowercase
// ASCII, where CouchDB's ICU collation (which Hearth follows) and PouchDB's code-unit order agree;
// one test shows the ICU order Hearth answers where they do not.
import '../lib/localhost-dns.mjs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import MapReduce from 'pouchdb-mapreduce';
import { acquireServer, createInstance, releaseServer } from '../lib/hearth.mjs';
import { PouchDB, localDb, remoteDb } from '../lib/pouch.mjs';

PouchDB.plugin(MapReduce);

const DOCTYPE = 'io.cozy.e2e.views';
let server;
let instance;
let token;
let remote;
let local;

const DDOC = {
  _id: '_design/ev',
  views: {
    by_key: { map: 'function (doc) { if (doc.k !== undefined) emit(doc.k, doc.n); }', reduce: '_sum' },
    by_day: { map: 'function (doc) { emit([doc.day, doc.n], doc.n); }', reduce: '_count' },
    stats: { map: 'function (doc) { emit(doc.day, doc.n); }', reduce: '_stats' },
    js: {
      map: 'function (doc) { emit(doc.tag, doc.n); }',
      reduce: 'function (keys, values, rereduce) { return rereduce ? sum(values) : values.length * 1000 + sum(values); }',
    },
    multi: { map: 'function (doc) { (doc.tags || []).forEach(function (t) { emit(t, null); }); }' },
    linked: { map: "function (doc) { if (doc.n % 10 === 0) emit(doc.n, { _id: 'doc-0001' }); }" },
    throws: { map: 'function (doc) { if (doc.n % 7 === 0) throw new Error("seven"); emit(doc.n, null); }' },
  },
};

const KEYS = [null, false, true, -5, 0, 1.5, 2, 'a', 'ab', 'b', 'zz', [], ['a'], ['a', 1], ['b'], {}, { a: 1 }];

function docs(from, count) {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return {
      _id: `doc-${String(n).padStart(4, '0')}`,
      n,
      k: KEYS[n % KEYS.length],
      day: n % 4,
      tag: ['x', 'y', 'z'][n % 3],
      tags: n % 5 === 0 ? ['p', 'q', 'p'] : ['q'],
    };
  });
}

/** The answer without what legitimately differs between engines (the sequence's format). */
function comparable(result) {
  const { update_seq: _seq, ...rest } = result;
  if (rest.rows) {
    rest.rows = rest.rows.map((row) => {
      if (!row.doc) return row;
      // Revision hashes are each engine's own: only their generation must agree.
      const { _type, _rev, ...doc } = row.doc;
      return { ...row, doc: { ...doc, generation: _rev.split('-')[0] } };
    });
  }
  return rest;
}

/**
 * The offset CouchDB answers, counted with PouchDB: the rows before the range's start in the
 * query's direction, plus skip. (PouchDB's own engine answers the skip alone.)
 */
async function couchOffset(view, o) {
  const start = o.key !== undefined ? o.key : o.startkey;
  if (o.keys !== undefined || start === undefined) return o.keys !== undefined ? 0 : o.skip || 0;
  const before = { reduce: false, endkey: start, inclusive_end: false, descending: Boolean(o.descending) };
  if (o.key === undefined && o.startkey_docid !== undefined) before.endkey_docid = o.startkey_docid;
  return (await local.query(`ev/${view}`, before)).rows.length + (o.skip || 0);
}

async function both(view, options) {
  const [mine, theirs] = await Promise.all([remote.query(`ev/${view}`, options), local.query(`ev/${view}`, options)]);
  if ('offset' in theirs) {
    assert.equal(mine.offset, await couchOffset(view, options), `offset of ${view} ${JSON.stringify(options)}`);
    theirs.offset = mine.offset;
  }
  assert.deepEqual(comparable(mine), comparable(theirs), `${view} ${JSON.stringify(options)}`);
  return mine;
}

before(async () => {
  server = await acquireServer();
  instance = await createInstance(server, 'views');
  token = await instance.token(`${DOCTYPE} ${DOCTYPE}.icu`);
  remote = remoteDb(instance, token, DOCTYPE);
  local = localDb('views');
  const batch = docs(0, 120);
  for (const db of [remote, local]) {
    const results = await db.bulkDocs(batch);
    assert.ok(results.every((r) => r.ok), JSON.stringify(results.find((r) => !r.ok)));
    await db.put(structuredClone(DDOC));
  }
});

after(async () => {
  await releaseServer();
});

describe('PouchDB query() on a Hearth view answers as on an in-memory PouchDB', { timeout: 120_000 }, () => {
  test('map queries with every range and paging parameter', async () => {
    const all = await both('by_key', { reduce: false });
    assert.equal(all.total_rows, 120);
    await both('by_key', { reduce: false, key: 'ab' });
    await both('by_key', { reduce: false, key: ['a', 1] });
    await both('by_key', { reduce: false, key: null });
    await both('by_key', { reduce: false, keys: ['b', 2, ['a'], 'missing'] });
    await both('by_key', { reduce: false, startkey: 0, endkey: 'ab' });
    await both('by_key', { reduce: false, startkey: 0, endkey: 'ab', inclusive_end: false });
    await both('by_key', { reduce: false, startkey: 'zz', endkey: 1.5, descending: true });
    await both('by_key', { reduce: false, startkey: 'zz', endkey: 1.5, descending: true, inclusive_end: false });
    await both('by_key', { reduce: false, startkey: [], endkey: [{}] });
    await both('by_key', { reduce: false, startkey: 2, startkey_docid: 'doc-0040', endkey: 2, endkey_docid: 'doc-0091' });
    await both('by_key', { reduce: false, limit: 7, skip: 13 });
    await both('by_key', { reduce: false, descending: true, limit: 5, skip: 2 });
    await both('by_key', { reduce: false, startkey: 'a', limit: 3 });
    await both('multi', {});
    await both('multi', { key: 'p' });
    await both('throws', { limit: 20 });
  });

  test('include_docs, with linked documents', async () => {
    await both('by_key', { reduce: false, key: 'b', include_docs: true });
    await both('linked', { include_docs: true });
  });

  test('reduce, group and group_level', async () => {
    await both('by_key', {});
    await both('by_key', { group: true });
    await both('by_key', { group: true, startkey: 0, endkey: 'zz' });
    await both('by_key', { group: true, descending: true, limit: 4, skip: 1 });
    await both('by_key', { keys: ['a', 2], group: true });
    await both('by_day', {});
    await both('by_day', { group_level: 1 });
    await both('by_day', { group_level: 1, startkey: [1], endkey: [2, {}] });
    await both('by_day', { group: true, limit: 3 });
    await both('stats', {});
    await both('stats', { group: true });
    await both('js', {});
    await both('js', { group: true });
    await both('by_day', { startkey: [9], endkey: [10] });
  });

  test('stale queries and update_seq, then incremental updates after writes', async () => {
    const seq = await remote.query('ev/by_key', { reduce: false, limit: 0, update_seq: true });
    assert.ok(seq.update_seq !== undefined, 'update_seq is answered');
    await both('by_key', { reduce: false, stale: 'ok', limit: 3 });
    for (const db of [remote, local]) {
      await db.bulkDocs(docs(120, 30));
      const first = await db.get('doc-0003');
      await db.put({ ...first, k: 'moved' });
      const second = await db.get('doc-0004');
      await db.remove(second);
    }
    await both('by_key', { reduce: false });
    await both('by_key', { group: true });
    await both('by_day', { group_level: 1 });
    const after = await remote.query('ev/by_key', { reduce: false, limit: 0, update_seq: true });
    assert.ok(Number(after.update_seq) > Number(seq.update_seq), `${after.update_seq} > ${seq.update_seq}`);
  });

  test('errors come back as PouchDB errors with CouchDB names', async () => {
    await assert.rejects(remote.query('ev/nothing'), (e) => e.status === 404 && e.name === 'not_found');
    await assert.rejects(remote.query('ev/multi', { reduce: true }), (e) => e.status === 400 && e.name === 'query_parse_error');
    await assert.rejects(
      remote.query('ev/by_key', { startkey: 'b', endkey: 'a' }),
      (e) => e.status === 400 && /No rows can match your key range/.test(e.message),
    );
  });

  test('strings collate as in CouchDB (ICU), which PouchDB does not do locally', async () => {
    const db = remoteDb(instance, token, `${DOCTYPE}.icu`);
    await db.bulkDocs(['b', 'B', 'a', 'A', 'é', 'e'].map((s, i) => ({ _id: `s${i}`, s })));
    await db.put({ _id: '_design/s', views: { s: { map: 'function (doc) { emit(doc.s); }' } } });
    const result = await db.query('s/s');
    assert.deepEqual(result.rows.map((r) => r.key), ['a', 'A', 'b', 'B', 'e', 'é']);
  });
});

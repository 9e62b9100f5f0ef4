// PouchDB 9 as cozy-pouch-link uses it: in-memory local databases, and the instance's
// `/data/<doctype>` as the remote CouchDB database, authenticated the way cozy-pouch-link does
// it (the token as the Basic password in the URL).
import './localhost-dns.mjs';
import PouchDB from 'pouchdb-core';
import HttpAdapter from 'pouchdb-adapter-http';
import MemoryAdapter from 'pouchdb-adapter-memory';
import Replication from 'pouchdb-replication';
import Find from 'pouchdb-find';
import { randomBytes } from 'node:crypto';

PouchDB.plugin(HttpAdapter).plugin(MemoryAdapter).plugin(Replication).plugin(Find);

export { PouchDB };

export function localDb(label = 'local') {
  return new PouchDB(`${label}-${randomBytes(6).toString('hex')}`, { adapter: 'memory' });
}

export function remoteDb(instance, token, doctype) {
  const url = new URL(`${instance.url}/data/${doctype}`);
  url.username = 'user';
  url.password = token;
  return new PouchDB(url.toString(), { adapter: 'http' });
}

/** allDocs with docs and conflicts, reduced to what must be equal on both sides of a sync. */
export async function snapshot(db) {
  const res = await db.allDocs({ include_docs: true, conflicts: true });
  return res.rows
    .filter((row) => !row.id.startsWith('_design/'))
    .map((row) => {
      const { _type, ...doc } = row.doc;
      if (doc._conflicts) doc._conflicts = [...doc._conflicts].sort();
      return { id: row.id, rev: row.value.rev, doc };
    });
}

/** The revision CouchDB picks as the winner: the longest branch, then the highest rev string. */
export function expectedWinner(revs) {
  return [...revs].sort((a, b) => {
    const da = Number(a.split('-')[0]);
    const db = Number(b.split('-')[0]);
    if (da !== db) return db - da;
    const ha = a.slice(a.indexOf('-') + 1);
    const hb = b.slice(b.indexOf('-') + 1);
    return ha < hb ? 1 : ha > hb ? -1 : 0;
  })[0];
}

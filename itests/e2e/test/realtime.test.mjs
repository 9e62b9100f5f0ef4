// The cozy-realtime protocol on /realtime/ (what the cozy-realtime library and cozy-client's
// realtime plugin speak): a websocket with the io.cozy.websocket subprotocol, AUTH with a token,
// SUBSCRIBE to a doctype (or one document), then CREATED/UPDATED/DELETED frames for every write
// made by anyone through the server, including _bulk_docs and replication (new_edits:false).
import '../lib/localhost-dns.mjs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import stackClientModule from 'cozy-stack-client';
import { acquireServer, api, createInstance, releaseServer } from '../lib/hearth.mjs';
import { localDb, remoteDb } from '../lib/pouch.mjs';

const CozyStackClient = stackClientModule.default;

const DT = 'io.cozy.e2e.realtime';
const OTHER = 'io.cozy.e2e.realtime.other';
const SECRET = 'io.cozy.e2e.realtime.secret';
const EVENT_TIMEOUT_MS = 5_000;

let instance;
let writerToken; // the other client, which writes
let readerToken; // the socket's token: read-only on DT and OTHER, nothing on SECRET
let writer;
const sockets = [];

before(async () => {
  const server = await acquireServer();
  instance = await createInstance(server, 'realtime');
  writerToken = await instance.token(`${DT} ${OTHER} ${SECRET}`);
  readerToken = await instance.token(`${DT}:GET ${OTHER}:GET`);
  writer = new CozyStackClient({ uri: instance.url, token: writerToken });
});

after(async () => {
  for (const s of sockets) s.terminate();
  await releaseServer();
});

/** A websocket on the instance's /realtime/, with a queue of the frames it received. */
async function openSocket() {
  const ws = new WebSocket(`ws://${instance.domain}/realtime/`, 'io.cozy.websocket');
  sockets.push(ws);
  const frames = [];
  const waiters = [];
  let closed = null;
  ws.on('message', (data, isBinary) => {
    let frame;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      frame = { unparsable: data.toString(), isBinary };
    }
    frames.push(frame);
    for (const w of [...waiters]) w.check();
  });
  ws.on('close', (code, reason) => {
    closed = { code, reason: reason.toString() };
    for (const w of [...waiters]) w.check();
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
    ws.once('unexpected-response', (req, res) => reject(new Error(`GET /realtime/ answered ${res.statusCode} instead of 101`)));
  });
  ws.on('error', () => {});

  const socket = {
    ws,
    frames,
    get closed() {
      return closed;
    },
    send(obj) {
      ws.send(JSON.stringify(obj));
    },
    auth(token) {
      socket.send({ method: 'AUTH', payload: token });
    },
    subscribe(type, id) {
      socket.send({ method: 'SUBSCRIBE', payload: id ? { type, id } : { type } });
    },
    /** Resolves with (and removes) the first frame matching predicate; rejects after a timeout. */
    next(predicate = () => true, what = 'a frame', timeout = EVENT_TIMEOUT_MS) {
      return new Promise((resolve, reject) => {
        const waiter = {
          check() {
            const i = frames.findIndex(predicate);
            if (i >= 0) {
              finish();
              resolve(frames.splice(i, 1)[0]);
            } else if (closed) {
              finish();
              reject(new Error(`socket closed (${closed.code} ${closed.reason}) while waiting for ${what}; frames: ${JSON.stringify(frames)}`));
            }
          },
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`no ${what} within ${timeout} ms; frames received: ${JSON.stringify(frames)}`));
        }, timeout);
        function finish() {
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(waiter), 1);
        }
        waiters.push(waiter);
        waiter.check();
      });
    },
    /** Waits until the socket is closed by the server. */
    waitClosed(timeout = EVENT_TIMEOUT_MS) {
      return new Promise((resolve, reject) => {
        if (closed) return resolve(closed);
        const timer = setTimeout(() => reject(new Error(`the server did not close the socket within ${timeout} ms`)), timeout);
        ws.once('close', () => {
          clearTimeout(timer);
          resolve(closed);
        });
      });
    },
  };
  return socket;
}

const isEvent = (event, type, id) => (f) => f.event === event && f.payload?.type === type && (id === undefined || f.payload?.id === id);

/**
 * The server does not acknowledge SUBSCRIBE: write probe documents until the socket sees one,
 * so that the subscription is known to be active before the real writes.
 */
async function waitUntilSubscribed(socket, type, probeType = type) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const res = await api(instance, writerToken, 'POST', `/data/${probeType}/`, { probe: true, attempt });
    assert.equal(res.status, 201, `probe write: ${JSON.stringify(res.body)}`);
    try {
      await socket.next(isEvent('CREATED', type, res.body.id), `the probe's CREATED event`, 500);
      return;
    } catch {
      // not subscribed yet (or no realtime at all): try again
    }
  }
  throw new Error(`no event for ${type} after 20 probe writes; frames received: ${JSON.stringify(socket.frames)}`);
}

async function subscribedSocket(type, token = readerToken) {
  const socket = await openSocket();
  assert.equal(socket.ws.protocol, 'io.cozy.websocket', 'the server accepts the io.cozy.websocket subprotocol');
  socket.auth(token);
  socket.subscribe(type);
  await waitUntilSubscribed(socket, type);
  return socket;
}

describe('realtime websocket /realtime/', { timeout: 60_000 }, () => {
  test('CREATED, UPDATED and DELETED events for the writes of another client', async () => {
    const socket = await subscribedSocket(DT);
    const todos = writer.collection(DT);

    const created = (await todos.create({ label: 'watch me', n: 1 })).data;
    const ev1 = await socket.next(isEvent('CREATED', DT, created._id), 'CREATED');
    assert.deepEqual(Object.keys(ev1).sort(), ['event', 'payload']);
    assert.equal(ev1.payload.doc._id, created._id);
    assert.equal(ev1.payload.doc._rev, created._rev);
    assert.equal(ev1.payload.doc.label, 'watch me');

    const updated = (await todos.update({ ...created, label: 'changed', n: 2 })).data;
    const ev2 = await socket.next(isEvent('UPDATED', DT, created._id), 'UPDATED');
    assert.equal(ev2.payload.doc._rev, updated._rev);
    assert.equal(ev2.payload.doc.label, 'changed');
    assert.equal(ev2.payload.doc.n, 2);

    const destroyed = (await todos.destroy(updated)).data;
    const ev3 = await socket.next(isEvent('DELETED', DT, created._id), 'DELETED');
    assert.equal(ev3.payload.doc._id, created._id);
    assert.equal(ev3.payload.doc._rev, destroyed._rev, 'the DELETED event carries the tombstone revision');

    // Writes to another doctype are not sent to this subscription: the next frame is for DT.
    await writer.collection(OTHER).create({ label: 'not for this socket' });
    const last = (await todos.create({ label: 'after the other doctype' })).data;
    const next = await socket.next(() => true, 'the next frame');
    assert.equal(next.payload?.type, DT, `no frame for ${OTHER}: ${JSON.stringify(next)}`);
    assert.equal(next.payload.id, last._id);
  });

  test('a subscription to one document only gets that document', async () => {
    const todos = writer.collection(DT);
    const watched = (await todos.create({ label: 'watched' })).data;
    const other = (await todos.create({ label: 'other' })).data;
    const socket = await openSocket();
    socket.auth(readerToken);
    socket.subscribe(DT, watched._id);
    // No probe possible here (a probe is a new document): update the watched document until seen.
    let rev = watched._rev;
    let seen = false;
    for (let attempt = 0; attempt < 20 && !seen; attempt++) {
      rev = (await todos.update({ ...watched, _rev: rev, attempt })).data._rev;
      seen = await socket.next(isEvent('UPDATED', DT, watched._id), 'UPDATED of the watched document', 500).then(() => true, () => false);
    }
    assert.ok(seen, `no UPDATED event for the watched document; frames: ${JSON.stringify(socket.frames)}`);
    socket.frames.length = 0;

    await todos.update({ ...other, label: 'other, updated' });
    const final = (await todos.update({ ...watched, _rev: rev, label: 'watched, updated' })).data;
    const ev = await socket.next(() => true, 'the next frame');
    assert.equal(ev.payload?.id, watched._id, `only the watched document: ${JSON.stringify(ev)}`);
    assert.equal(ev.payload.doc._rev, final._rev);
  });

  test('events for every document of a _bulk_docs request', async () => {
    const socket = await subscribedSocket(DT);
    const existing = (await api(instance, writerToken, 'POST', `/data/${DT}/_bulk_docs`, {
      docs: [{ _id: 'bulk-keep', v: 1 }, { _id: 'bulk-gone', v: 1 }],
    })).body;
    assert.equal(existing.length, 2);
    for (const id of ['bulk-keep', 'bulk-gone']) await socket.next(isEvent('CREATED', DT, id), `CREATED ${id}`);

    const res = await api(instance, writerToken, 'POST', `/data/${DT}/_bulk_docs`, {
      docs: [
        { _id: 'bulk-new-1', v: 1 },
        { _id: 'bulk-new-2', v: 1 },
        { _id: 'bulk-keep', _rev: existing[0].rev, v: 2 },
        { _id: 'bulk-gone', _rev: existing[1].rev, _deleted: true },
      ],
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const revs = Object.fromEntries(res.body.map((r) => [r.id, r.rev]));
    const c1 = await socket.next(isEvent('CREATED', DT, 'bulk-new-1'), 'CREATED bulk-new-1');
    const c2 = await socket.next(isEvent('CREATED', DT, 'bulk-new-2'), 'CREATED bulk-new-2');
    const u = await socket.next(isEvent('UPDATED', DT, 'bulk-keep'), 'UPDATED bulk-keep');
    const d = await socket.next(isEvent('DELETED', DT, 'bulk-gone'), 'DELETED bulk-gone');
    assert.equal(c1.payload.doc._rev, revs['bulk-new-1']);
    assert.equal(c2.payload.doc.v, 1);
    assert.equal(u.payload.doc._rev, revs['bulk-keep']);
    assert.equal(u.payload.doc.v, 2);
    assert.equal(d.payload.doc._rev, revs['bulk-gone']);
  });

  test('events for documents written by a PouchDB replication (_bulk_docs new_edits:false)', async () => {
    const socket = await subscribedSocket(DT);
    const local = localDb('rt');
    const put = await local.put({ _id: 'from-pouch', label: 'replicated' });
    const remote = remoteDb(instance, writerToken, DT);
    const res = await local.replicate.to(remote, { doc_ids: ['from-pouch'] });
    assert.equal(res.docs_written, 1);
    const ev = await socket.next(isEvent('CREATED', DT, 'from-pouch'), 'CREATED from the replication');
    assert.equal(ev.payload.doc._rev, put.rev);
    assert.equal(ev.payload.doc.label, 'replicated');

    const updated = await local.put({ _id: 'from-pouch', _rev: put.rev, label: 'replicated again' });
    await local.replicate.to(remote, { doc_ids: ['from-pouch'] });
    const ev2 = await socket.next(isEvent('UPDATED', DT, 'from-pouch'), 'UPDATED from the replication');
    assert.equal(ev2.payload.doc._rev, updated.rev);
  });

  test('SUBSCRIBE to a doctype the token may not read is refused with a 403 error frame', async () => {
    const socket = await openSocket();
    socket.auth(readerToken);
    const command = { method: 'SUBSCRIBE', payload: { type: SECRET } };
    socket.send(command);
    const error = await socket.next((f) => f.event === 'error', 'an error frame');
    assert.match(String(error.payload?.status), /^403/, JSON.stringify(error));
    assert.equal(error.payload.code, 'forbidden');
    assert.deepEqual(error.payload.source, command, 'the error frame quotes the refused command');

    // The refusal does not end the socket: a permitted subscription still works, and no event
    // of the refused doctype is ever sent.
    socket.subscribe(DT);
    await writer.collection(SECRET).create({ label: 'secret' });
    await waitUntilSubscribed(socket, DT);
    assert.ok(!socket.frames.some((f) => f.payload?.type === SECRET), `no ${SECRET} event: ${JSON.stringify(socket.frames)}`);
  });

  test('AUTH with an invalid token gets an error frame and the socket is closed', async () => {
    const socket = await openSocket();
    socket.auth('not-a-token');
    socket.subscribe(DT);
    const error = await socket.next((f) => f.event === 'error', 'an error frame');
    assert.match(String(error.payload?.status), /^401/, JSON.stringify(error));
    await socket.waitClosed();
  });
});

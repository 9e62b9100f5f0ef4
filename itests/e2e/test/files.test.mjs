// cozy-stack-client's FileCollection on /files, used as Drive and the konnectors use it, with a
// realtime subscriber that sees the file events, and cozy-client queries on io.cozy.files.
import '../lib/localhost-dns.mjs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import WebSocket from 'ws';
import stackClientModule from 'cozy-stack-client';
// cozy-client's main entry also loads its CLI helpers (and their logger); the client and the
// query DSL are all the tests need
import cozyClientModule from 'cozy-client/dist/CozyClient.js';
import dslModule from 'cozy-client/dist/queries/dsl.js';
import { acquireServer, createInstance, releaseServer } from '../lib/hearth.mjs';

const CozyStackClient = stackClientModule.default;
const CozyClient = cozyClientModule.default;
const { Q } = dslModule;
const FILES = 'io.cozy.files';
const ROOT = 'io.cozy.files.root-dir';

let instance;
let token;
let client;

before(async () => {
  const server = await acquireServer();
  instance = await createInstance(server, 'files');
  token = await instance.token(FILES);
  client = new CozyStackClient({ uri: instance.url, token });
});

after(async () => {
  await releaseServer();
});

const md5 = (text) => createHash('md5').update(text).digest('base64');

function assertFile(doc) {
  assert.equal(typeof doc._id, 'string');
  assert.equal(doc.id, doc._id);
  assert.equal(doc._type, FILES);
  assert.match(doc._rev, /^\d+-[0-9a-f]+$/);
}

/** A websocket subscribed to io.cozy.files; resolves events by predicate. */
async function subscribe() {
  const ws = new WebSocket(`ws://${instance.domain}/realtime/`, 'io.cozy.websocket');
  const frames = [];
  ws.on('message', (data) => frames.push(JSON.parse(data.toString())));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ method: 'AUTH', payload: token }));
  ws.send(JSON.stringify({ method: 'SUBSCRIBE', payload: { type: FILES } }));
  return {
    ws,
    async next(predicate, what, timeout = 5000) {
      const deadline = Date.now() + timeout;
      while (Date.now() < deadline) {
        const i = frames.findIndex(predicate);
        if (i >= 0) return frames.splice(i, 1)[0];
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no ${what}; frames: ${JSON.stringify(frames)}`);
    },
  };
}

describe('cozy-stack-client FileCollection on /files', { timeout: 120_000 }, () => {
  test('createDirectory, createFile with MD5, statByPath, statById, download, updateFile', async () => {
    const files = client.collection(FILES);
    const dir = await files.createDirectory({ name: 'Administrative', dirId: ROOT });
    assertFile(dir.data);
    assert.equal(dir.data.type, 'directory');
    assert.equal(dir.data.path, '/Administrative');

    const content = 'a bill from a konnector';
    const created = await files.createFile(content, {
      name: 'bill.txt',
      dirId: dir.data._id,
      checksum: md5(content),
      contentType: 'text/plain',
    });
    assertFile(created.data);
    assert.equal(created.data.size, String(content.length));
    assert.equal(created.data.md5sum, md5(content));

    const byPath = await files.statByPath('/Administrative/bill.txt');
    assert.equal(byPath.data._id, created.data._id);
    const byId = await files.statById(dir.data._id);
    assert.equal(byId.data._id, dir.data._id);
    assert.deepEqual(byId.included.map((f) => f._id ?? f.id), [created.data._id]);

    const downloaded = await files.fetchFileContentById(created.data._id);
    assert.equal(await downloaded.text(), content);

    const updated = await files.updateFile('a corrected bill', {
      fileId: created.data._id,
      name: 'bill.txt',
      checksum: md5('a corrected bill'),
    }, { ifMatch: created.data._rev });
    assert.match(updated.data._rev, /^2-/);
    assert.equal(updated.data.md5sum, md5('a corrected bill'));

    await assert.rejects(
      files.createFile('other', { name: 'bill.txt', dirId: dir.data._id }),
      (e) => e.status === 409,
    );
    await assert.rejects(
      files.createFile('payload', { name: 'bad-md5.txt', dirId: dir.data._id, checksum: md5('not the payload') }),
      (e) => e.status === 412,
    );
  });

  test('find pages with meta.count, destroy and restore, _changes', async () => {
    const files = client.collection(FILES);
    const dir = await files.createDirectory({ name: 'Photos', dirId: ROOT });
    for (let i = 0; i < 3; i++) {
      await files.createFile(`photo ${i}`, { name: `p${i}.jpg`, dirId: dir.data._id, checksum: md5(`photo ${i}`) });
    }
    const first = await files.find({ dir_id: dir.data._id }, { limit: 2 });
    assert.equal(first.data.length, 2);
    assert.equal(first.next, true);
    first.data.forEach(assertFile);
    const all = await files.find({ dir_id: dir.data._id }, { limit: 10 });
    assert.equal(all.data.length, 3);
    assert.equal(all.next, false);

    const target = all.data[0];
    await files.addReferencedBy(target, [{ _type: 'io.cozy.photos.albums', _id: 'album-1' }]);
    const referenced = await files.statById(target._id);
    assert.deepEqual(referenced.data.referenced_by, [{ type: 'io.cozy.photos.albums', id: 'album-1' }]);
    const trashed = await files.destroy(referenced.data);
    assert.equal(trashed.data.trashed, true);
    const restored = await files.restore(target._id);
    assert.equal(restored.data.trashed, false);
    assert.equal(restored.data.dir_id, dir.data._id);

    const changes = await files.fetchChanges({ since: '0' }, { includeFilePath: true });
    assert.ok(changes.newLastSeq);
    const change = changes.results.find((r) => r.id === target._id);
    assert.equal(change.doc.path, `/Photos/${target.name}`);
    assert.ok(!changes.results.some((r) => r.id.startsWith('_design/')));
  });

  test('a realtime subscriber sees the file events', async (t) => {
    const socket = await subscribe();
    t.after(() => socket.ws.terminate());
    const files = client.collection(FILES);
    // the server does not acknowledge SUBSCRIBE: write until the socket sees a probe
    let probe;
    for (let i = 0; i < 50 && !probe; i++) {
      const dir = await files.createDirectory({ name: `probe-${i}`, dirId: ROOT });
      probe = await socket.next((f) => f.event === 'CREATED' && f.payload?.id === dir.data._id, 'probe', 200).catch(() => null);
    }
    assert.ok(probe, 'the subscription became active');
    const created = await files.createFile('live', { name: 'live.txt', dirId: ROOT, checksum: md5('live') });
    const event = await socket.next((f) => f.event === 'CREATED' && f.payload?.id === created.data._id, 'CREATED');
    assert.equal(event.payload.type, FILES);
    assert.equal(event.payload.doc.name, 'live.txt');
    await files.updateAttributes(created.data._id, { tags: ['live'] });
    await socket.next((f) => f.event === 'UPDATED' && f.payload?.id === created.data._id, 'UPDATED');
    await files.destroy(created.data);
    await files.deleteFilePermanently(created.data._id);
    await socket.next((f) => f.event === 'DELETED' && f.payload?.id === created.data._id, 'DELETED');
  });

  test('cozy-client queries io.cozy.files', async () => {
    const cozy = new CozyClient({ uri: instance.url, token });
    const files = client.collection(FILES);
    const dir = await files.createDirectory({ name: 'Queried', dirId: ROOT });
    await files.createFile('q', { name: 'q.txt', dirId: dir.data._id, checksum: md5('q') });
    const found = await cozy.query(Q(FILES).where({ dir_id: dir.data._id }).indexFields(['dir_id']));
    assert.equal(found.data.length, 1);
    assert.equal(found.data[0].name, 'q.txt');
    const one = await cozy.query(Q(FILES).getById(dir.data._id));
    assert.equal(one.data.path ?? one.data.attributes?.path, '/Queried');
  });
});

describe('cozy-stack-client FileCollection: old versions and references by document', { timeout: 120_000 }, () => {
  test('updateFile keeps the old content, updateMetadataAttribute adds a version, getDownloadLinkByRevision reads it', async () => {
    const files = client.collection(FILES);
    const created = await files.createFile('first words', { name: 'draft.txt', dirId: ROOT, checksum: md5('first words') });
    const id = created.data._id;
    await files.updateFile('second words', { fileId: id, name: 'draft.txt', checksum: md5('second words') });
    const qualified = await files.updateMetadataAttribute(id, { qualification: { label: 'note' } });
    assert.equal(qualified.data.attributes.metadata.qualification.label, 'note');

    const stat = await client.fetchJSON('GET', `/files/${id}`);
    const versions = stat.included.filter((v) => v.type === 'io.cozy.files.versions');
    assert.equal(versions.length, 2, 'one from the overwrite, one from the metadata');
    assert.deepEqual(
      stat.data.relationships.old_versions.data.map((v) => v.id).sort(),
      versions.map((v) => v.id).sort(),
    );
    const oldest = versions.find((v) => v.attributes.md5sum === md5('first words'));
    assert.ok(oldest, 'the first content is kept');
    assert.equal(oldest.attributes.file_id, id);

    const link = await files.getDownloadLinkByRevision(oldest.id, 'draft.txt');
    const response = await fetch(new URL(link, instance.url));
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'first words');
    const current = await files.fetchFileContentById(id);
    assert.equal(await current.text(), 'second words');
  });

  test('addReferencesTo, findReferencedBy with included files and meta.count, removeReferencesTo', async () => {
    const files = client.collection(FILES);
    const album = { _id: 'album-e2e', _type: 'io.cozy.photos.albums' };
    const photos = [];
    for (let i = 0; i < 3; i++) {
      const f = await files.createFile(`shot ${i}`, { name: `shot${i}.jpg`, dirId: ROOT, checksum: md5(`shot ${i}`) });
      photos.push(f.data);
    }
    await files.addReferencesTo(album, photos);
    const page = await files.findReferencedBy(album, { limit: 2 });
    assert.equal(page.data.length, 2);
    assert.equal(page.meta.count, 3);
    assert.equal(page.next, true);
    assert.equal(page.included.length, 2);
    page.included.forEach(assertFile);
    assert.ok(page.included.every((f) => f.referenced_by.some((r) => r.id === 'album-e2e')));

    await files.removeReferencesTo(album, [photos[0]]);
    const rest = await files.findReferencedBy(album);
    assert.equal(rest.meta.count, 2);
    assert.equal(rest.next, false);
    assert.deepEqual(rest.data.map((r) => r._id).sort(), [photos[1]._id, photos[2]._id].sort());
    assert.ok(rest.data.every((r) => r._type === FILES));
    const unreferenced = await files.statById(photos[0]._id);
    assert.deepEqual(unreferenced.data.referenced_by, []);
  });
});

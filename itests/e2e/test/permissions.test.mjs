// cozy-stack-client's PermissionCollection: a share-by-link of one document, as apps create it,
// opened with its code and its shortcode by another client, then revoked.
import '../lib/localhost-dns.mjs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import stackClientModule from 'cozy-stack-client';
import { acquireServer, createInstance, releaseServer } from '../lib/hearth.mjs';

const CozyStackClient = stackClientModule.default;
const DOCTYPE = 'io.cozy.e2e.albums';

let instance;
let owner;

before(async () => {
  instance = await createInstance(await acquireServer(), 'share');
  owner = new CozyStackClient({ uri: instance.url, token: await instance.token(`${DOCTYPE} io.cozy.files:GET`) });
});

after(async () => {
  await releaseServer();
});

describe('PermissionCollection', () => {
  test('a sharing link opens its document, only it, until it is revoked', async () => {
    const shared = (await owner.collection(DOCTYPE).create({ name: 'holidays' })).data;
    const secret = (await owner.collection(DOCTYPE).create({ name: 'secret' })).data;
    const permissions = owner.collection('io.cozy.permissions');
    const link = await permissions.createSharingLink({ _id: shared._id, _type: DOCTYPE }, { ttl: '1D', tiny: true });
    const { codes, shortcodes, permissions: rules } = link.data.attributes;
    assert.deepEqual(rules.collection, { type: DOCTYPE, verbs: ['GET'], values: [shared._id] });
    assert.equal(typeof codes.code, 'string');
    assert.match(shortcodes.code, /^[A-Za-z0-9]{12}$/);

    for (const token of [codes.code, shortcodes.code]) {
      const visitor = new CozyStackClient({ uri: instance.url, token });
      const doc = await visitor.collection(DOCTYPE).get(shared._id);
      assert.equal(doc.data.name, 'holidays');
      await assert.rejects(visitor.collection(DOCTYPE).get(secret._id), (e) => e.status === 403);
      await assert.rejects(visitor.collection(DOCTYPE).update({ ...doc.data, name: 'changed' }), (e) => e.status === 403);
    }
    const own = await new CozyStackClient({ uri: instance.url, token: codes.code }).collection('io.cozy.permissions')
      .fetchOwnPermissions();
    assert.equal(own.data.id, link.data.id);

    const links = await permissions.findLinksByDoctype(DOCTYPE);
    assert.equal(links.data.length, 1);
    await permissions.revokeSharingLink({ _id: shared._id, _type: DOCTYPE });
    const visitor = new CozyStackClient({ uri: instance.url, token: codes.code });
    await assert.rejects(visitor.collection(DOCTYPE).get(shared._id), (e) => e.status === 400);
  });
});

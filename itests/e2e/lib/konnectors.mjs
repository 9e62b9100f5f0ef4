// Konnectors for the end-to-end tests: the sample konnector (konnectors/hearth-bills) and its fake
// vendor site, a konnector bundled with esbuild from cozy-client, installing them, letting runs
// reach the vendor on loopback, and following jobs and their events over realtime.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import WebSocket from 'ws';
import { adminFetch } from './hearth.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..', '..');
const billsDir = path.join(repo, 'konnectors', 'hearth-bills');
const FAKE_VENDOR = path.join(billsDir, 'src', 'test', 'java', 'dev', 'hearth', 'konnectors', 'bills', 'FakeVendor.java');
const DEFAULT_JDK = '/usr/lib/jvm/temurin-25-jdk-amd64';

export const BILLS_MANIFEST = JSON.parse(fs.readFileSync(path.join(billsDir, 'konnector', 'manifest.konnector'), 'utf8'));
export const VENDOR = { name: 'Ember Energy', login: 'alice', password: 'correct horse battery staple' };

function java() {
  const home = process.env.JAVA_HOME || (fs.existsSync(DEFAULT_JDK) ? DEFAULT_JDK : null);
  return home ? path.join(home, 'bin', 'java') : 'java';
}

/**
 * Starts the fake vendor site (FakeVendor.java run as a program) on a free loopback port.
 * Resolves to { url, port, stats(), addBill({id, date, amount}), stop() }.
 */
export async function startFakeVendor() {
  const child = spawn(java(), [FAKE_VENDOR, '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the fake vendor did not start:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the fake vendor exited (${code}):\n${output}`)));
  });
  return {
    url,
    port: Number(new URL(url).port),
    async stats() {
      return (await fetch(`${url}/_test/stats`)).json();
    },
    async addBill(bill) {
      const res = await fetch(`${url}/_test/bills`, { method: 'POST', body: new URLSearchParams(bill) });
      if (res.status !== 204) throw new Error(`adding a bill answered ${res.status}`);
    },
    async stop() {
      child.kill('SIGTERM');
    },
  };
}

/** tar.gz of a folder's files, at the archive's root. */
function tarGz(dir, archive) {
  execFileSync('tar', ['--sort=name', '--mtime=2026-01-01 00:00Z', '--owner=0', '--group=0', '--numeric-owner',
    '-czf', archive, '-C', dir, '.']);
  return archive;
}

/**
 * The sample konnector's archive for these tests: konnectors/hearth-bills/konnector as shipped,
 * with 127.0.0.1 added to its manifest's allowed_domains, so that its runs may reach the fake
 * vendor on loopback (the operator must trust the vendor's address too: trustAddress).
 */
export function billsArchive() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-bills-'));
  fs.cpSync(path.join(billsDir, 'konnector'), work, { recursive: true });
  const manifest = { ...BILLS_MANIFEST, allowed_domains: [...(BILLS_MANIFEST.allowed_domains || []), '127.0.0.1'] };
  fs.writeFileSync(path.join(work, 'manifest.konnector'), JSON.stringify(manifest, null, 2));
  return tarGz(work, path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-bills-archive-')), `hearth-bills-${manifest.version}.tar.gz`));
}

/**
 * The konnector of itests/e2e/konnectors/cozy-client-check bundled with esbuild into one
 * index.js (cozy-client and everything it requires), as konnectors are shipped, and archived.
 */
export async function cozyClientArchive() {
  const source = path.resolve(here, '..', 'konnectors', 'cozy-client-check');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cozy-client-konnector-'));
  await esbuild.build({
    entryPoints: [path.join(source, 'index.js')],
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: ['es2022'],
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    legalComments: 'none',
    logLevel: 'warning',
    outfile: path.join(work, 'index.js'),
  });
  fs.copyFileSync(path.join(source, 'manifest.konnector'), path.join(work, 'manifest.konnector'));
  const manifest = JSON.parse(fs.readFileSync(path.join(source, 'manifest.konnector'), 'utf8'));
  return tarGz(work, path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cozy-client-archive-')), `${manifest.slug}-${manifest.version}.tar.gz`));
}

/**
 * Lets JavaScript runs reach `address` (127.0.0.1:port) although it is loopback: the sandbox's
 * trustedAddresses, set as an operator would in the web console of the admin endpoint. The
 * sandbox and the workers start again with it; resolves once the workers are back.
 */
export async function trustAddress(server, address) {
  const stamp = String(Date.now());
  const body = new URLSearchParams({ apply: 'true', action: 'ajaxConfigManager', propertylist: 'trustedAddresses,e2e.stamp', trustedAddresses: address, 'e2e.stamp': stamp });
  const auth = Buffer.from(`admin:${server.passphrase}`).toString('base64');
  const res = await fetch(`${server.adminUrl}/system/console/configMgr/dev.hearth.js`, {
    method: 'POST', headers: { Authorization: `Basic ${auth}` }, body, redirect: 'manual',
  });
  if (res.status >= 400) throw new Error(`setting dev.hearth.js answered ${res.status}: ${await res.text()}`);
  const deadline = Date.now() + 30_000;
  // The console answers something else while the framework restarts components: ask again.
  const services = async (path) => {
    const r = await adminFetch(server, 'GET', `/system/console/services${path}.json`);
    return (r.ok && (await r.json().catch(() => null))?.data) || [];
  };
  while (Date.now() < deadline) {
    const list = await services('');
    const sandbox = list.find((s) => s.types.includes('dev.hearth.js.JsSandbox'));
    const props = (sandbox && (await services(`/${sandbox.id}`))[0]?.props) || [];
    const stamped = props.some((p) => p.key === 'e2e.stamp' && p.value === stamp);
    const workers = list.filter((s) => s.types.includes('dev.hearth.jobs.Worker') && s.bundleSymbolicName === 'dev.hearth.konnectors');
    if (stamped && workers.length === 2) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the sandbox did not come back with trustedAddresses=${address}`);
}

/**
 * A realtime socket on the instance (the cozy-realtime protocol) subscribed to doctypes; `events`
 * collects every { event, doctype, id, doc }, `waitFor(predicate)` resolves with the first match.
 */
export async function realtime(instance, token, doctypes) {
  const ws = new WebSocket(`ws://${instance.domain}/realtime/`, 'io.cozy.websocket');
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const events = [];
  const waiters = [];
  ws.on('message', (data) => {
    const m = JSON.parse(String(data));
    if (!m.payload?.type) return;
    const e = { event: m.event, doctype: m.payload.type, id: m.payload.id, doc: m.payload.doc };
    events.push(e);
    for (const w of [...waiters]) {
      if (w.predicate(e)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(e);
      }
    }
  });
  ws.send(JSON.stringify({ method: 'AUTH', payload: token }));
  for (const type of doctypes) ws.send(JSON.stringify({ method: 'SUBSCRIBE', payload: { type } }));
  return {
    events,
    waitFor(predicate, timeoutMs = 60_000) {
      const found = events.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { predicate, resolve };
        waiters.push(w);
        setTimeout(() => {
          if (waiters.includes(w)) {
            waiters.splice(waiters.indexOf(w), 1);
            reject(new Error(`no matching realtime event within ${timeoutMs} ms; got ${JSON.stringify(events.map((x) => [x.event, x.doctype, x.doc?.state ?? x.doc?.message]))}`));
          }
        }, timeoutMs);
      });
    },
    close() {
      ws.close();
    },
  };
}

// The Hearth server under test: the built distribution started as a child process, and its
// admin API (instances, tokens).
//
// One server serves the whole suite when scripts/run-tests.mjs started it: it passes its address
// in the HEARTH_E2E_* variables. A test file run on its own (`node --test test/x.test.mjs`)
// starts its own server instead. Each test file creates its own instances, so files stay
// independent of each other either way.
import './localhost-dns.mjs';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_JDK = '/usr/lib/jvm/temurin-25-jdk-amd64';
const READY_TIMEOUT_MS = 120_000;

export function distributionDir() {
  return path.resolve(process.env.HEARTH_DISTRIBUTION || path.join(here, '..', '..', '..', 'launcher', 'target', 'hearth'));
}

function javaHome() {
  if (process.env.JAVA_HOME) return process.env.JAVA_HOME;
  if (fs.existsSync(DEFAULT_JDK)) return DEFAULT_JDK;
  return undefined;
}

/**
 * Starts `hearth serve` on free ports with a fresh data directory.
 * Resolves to { publicPort, adminUrl, passphrase, stop() } once both endpoints are announced.
 */
export async function startServer({ logFile } = {}) {
  const dist = distributionDir();
  const launcher = path.join(dist, 'bin', 'hearth');
  if (!fs.existsSync(launcher)) {
    throw new Error(`No Hearth distribution at ${dist} (build it with ./mvnw install -DskipTests, or set HEARTH_DISTRIBUTION)`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-e2e-'));
  const passphrase = `e2e-${randomBytes(12).toString('hex')}`;
  const env = { ...process.env, HEARTH_ADMIN_PASSPHRASE: passphrase };
  const jdk = javaHome();
  if (jdk) env.JAVA_HOME = jdk;
  const child = spawn(launcher, ['serve', '--data-dir', dataDir, '--http-port', '0', '--admin-port', '0'], {
    cwd: dataDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = logFile ? fs.createWriteStream(logFile) : null;
  let output = '';
  let exited = null;
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = { code, signal };
    resolve(exited);
  }));

  const ready = new Promise((resolve, reject) => {
    let publicPort;
    let adminUrl;
    const onData = (chunk) => {
      const text = chunk.toString();
      log?.write(text);
      if (output.length < 200_000) output += text;
      publicPort ??= /Public endpoint http:\/\/[^:\s]+:(\d+)/.exec(output)?.[1];
      adminUrl ??= /Admin endpoint (http:\/\/[^\s]+:\d+)/.exec(output)?.[1];
      if (publicPort && adminUrl) resolve({ publicPort: Number(publicPort), adminUrl });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    exitPromise.then(({ code, signal }) => reject(new Error(`hearth serve exited (code ${code}, signal ${signal}) before it was ready:\n${output}`)));
  });
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hearth serve not ready after ${READY_TIMEOUT_MS} ms:\n${output}`)), READY_TIMEOUT_MS);
  });

  async function stop() {
    if (!exited) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exitPromise;
      clearTimeout(killer);
    }
    await new Promise((resolve) => (log ? log.end(resolve) : resolve()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  try {
    const { publicPort, adminUrl } = await Promise.race([ready, timeout]);
    return { publicPort, adminUrl, passphrase, stop, pid: child.pid };
  } catch (e) {
    await stop();
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

let current;

/**
 * The server for this test file: the suite's shared one when the HEARTH_E2E_* variables are set,
 * else one started for this process. Call release() in an after() hook.
 */
export async function acquireServer() {
  if (current) return current;
  const { HEARTH_E2E_PUBLIC_PORT, HEARTH_E2E_ADMIN_URL, HEARTH_E2E_ADMIN_PASSPHRASE } = process.env;
  if (HEARTH_E2E_PUBLIC_PORT && HEARTH_E2E_ADMIN_URL && HEARTH_E2E_ADMIN_PASSPHRASE) {
    current = {
      publicPort: Number(HEARTH_E2E_PUBLIC_PORT),
      adminUrl: HEARTH_E2E_ADMIN_URL,
      passphrase: HEARTH_E2E_ADMIN_PASSPHRASE,
      stop: async () => {},
    };
  } else {
    current = await startServer();
  }
  return current;
}

export async function releaseServer() {
  const server = current;
  current = undefined;
  await server?.stop();
}

export async function adminFetch(server, method, pathAndQuery) {
  const auth = Buffer.from(`admin:${server.passphrase}`).toString('base64');
  return fetch(server.adminUrl + pathAndQuery, { method, headers: { Authorization: `Basic ${auth}` } });
}

/** PBKDF2 rounds of the client-side passphrase hash in tests: the fewest the server accepts. */
export const TEST_KDF_ITERATIONS = 50_000;

/**
 * Creates a new instance named `<prefix>-<random>.localhost:<port>`, with the given passphrase
 * (hashed with TEST_KDF_ITERATIONS rounds) when there is one.
 * Returns { domain, url, token(scope) }.
 */
export async function createInstance(server, prefix, { passphrase } = {}) {
  const domain = `${prefix}-${randomBytes(4).toString('hex')}.localhost:${server.publicPort}`;
  const withPassphrase = passphrase
    ? `&Passphrase=${encodeURIComponent(passphrase)}&KdfIterations=${TEST_KDF_ITERATIONS}`
    : '';
  const res = await adminFetch(server, 'POST', `/instances?Domain=${encodeURIComponent(domain)}${withPassphrase}`);
  if (res.status !== 201) {
    throw new Error(`POST /instances?Domain=${domain} answered ${res.status}: ${await res.text()}`);
  }
  return {
    domain,
    url: `http://${domain}`,
    /** A CLI token for this instance; scope is space-separated rules like `io.cozy.todos:GET`. */
    async token(scope) {
      const q = `Domain=${encodeURIComponent(domain)}&Audience=cli&Scope=${encodeURIComponent(scope)}`;
      const r = await adminFetch(server, 'POST', `/instances/token?${q}`);
      const text = (await r.text()).trim();
      if (r.status !== 200 && r.status !== 201) throw new Error(`POST /instances/token?${q} answered ${r.status}: ${text}`);
      return text;
    },
  };
}

/** fetch on an instance with its Bearer token; JSON bodies are serialized. Returns { status, headers, body }. */
export async function api(instance, token, method, pathAndQuery, body) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${token}` };
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(instance.url + pathAndQuery, { method, headers, body: payload });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

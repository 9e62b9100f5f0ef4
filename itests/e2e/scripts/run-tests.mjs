// Starts one Hearth server for the whole suite, runs every test/*.test.mjs with node's test
// runner (spec reporter on stdout, JUnit XML for Maven/CI), stops the server, exits with the
// runner's status.
//   node scripts/run-tests.mjs [test files...]
// Environment: HEARTH_DISTRIBUTION (default ../../launcher/target/hearth), JAVA_HOME,
// HEARTH_E2E_REPORTS (default ../target/e2e-reports), HEARTH_E2E_BACKENDS_EXPECTED (name=value
// pairs, comma-separated, that the server's /status must report under `backends`, such as
// documents=dev.hearth.datasystem.postgres: the suite fails at once when a backend is not the one
// the run is meant to test).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/hearth.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.resolve(process.env.HEARTH_E2E_REPORTS || path.join(root, '..', 'target', 'e2e-reports'));
fs.mkdirSync(reports, { recursive: true });
const junitFile = path.join(reports, 'TEST-e2e.xml');
const serverLog = path.join(reports, 'hearth-server.log');

const files = process.argv.length > 2
  ? process.argv.slice(2)
  : fs.readdirSync(path.join(root, 'test')).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => path.join('test', f));

const started = Date.now();
let server;
try {
  server = await startServer({ logFile: serverLog });
} catch (e) {
  console.error(`Could not start the Hearth server: ${e.message}`);
  process.exit(1);
}
const expected = (process.env.HEARTH_E2E_BACKENDS_EXPECTED || '').split(',').filter(Boolean);
if (expected.length > 0) {
  const status = await (await fetch(`http://127.0.0.1:${server.publicPort}/status`)).json();
  const wrong = expected.filter((pair) => {
    const [name, value] = pair.split('=');
    return status.backends?.[name] !== value;
  });
  if (wrong.length > 0) {
    console.error(`The server does not run on the expected backends (${wrong.join(', ')}): ${JSON.stringify(status.backends)}`);
    await server.stop();
    process.exit(1);
  }
}
console.log(`Hearth started in ${Date.now() - started} ms: public port ${server.publicPort}, admin ${server.adminUrl} (log: ${serverLog})`);

const args = [
  '--test',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=junit', `--test-reporter-destination=${junitFile}`,
  ...files,
];
const child = spawn(process.execPath, args, {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    HEARTH_E2E_PUBLIC_PORT: String(server.publicPort),
    HEARTH_E2E_ADMIN_URL: server.adminUrl,
    HEARTH_E2E_ADMIN_PASSPHRASE: server.passphrase,
  },
});
const stopChild = (signal) => child.kill(signal);
process.on('SIGINT', stopChild);
process.on('SIGTERM', stopChild);
const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
await server.stop();
summarizeJunit(junitFile);
console.log(`End-to-end suite finished in ${((Date.now() - started) / 1000).toFixed(1)} s (exit ${code}); JUnit report: ${junitFile}`);
process.exit(code);

// Node's JUnit reporter leaves the root <testsuites> without totals; CI summaries read them there.
function summarizeJunit(file) {
  if (!fs.existsSync(file)) return;
  const xml = fs.readFileSync(file, 'utf8');
  const cases = xml.match(/<testcase\b[^>]*?(\/>|>[\s\S]*?<\/testcase>)/g) || [];
  const failures = cases.filter((c) => /<failure\b/.test(c)).length;
  const skipped = cases.filter((c) => /<skipped\b/.test(c)).length;
  const time = cases.reduce((sum, c) => sum + Number(/\btime="([\d.]+)"/.exec(c)?.[1] || 0), 0);
  const root = `<testsuites name="hearth-e2e" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time.toFixed(3)}">`;
  fs.writeFileSync(file, xml.replace(/<testsuites>/, root));
}

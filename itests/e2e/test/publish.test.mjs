// The real cozy-app-publish tool publishes an app to Hearth's registry (the admin endpoint, with an
// editor token), downloading nothing itself but the tarball URL it is given; an instance then
// installs the app from registry://.
import '../lib/localhost-dns.mjs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireServer, adminFetch, api, createInstance, releaseServer } from '../lib/hearth.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const publishTool = path.join(here, '..', 'node_modules', '.bin', 'cozy-app-publish');

let server;
let files;
let filesUrl;
const tarballs = new Map();

function run(command, args, options) {
  return new Promise((resolve) => {
    execFile(command, args, { ...options, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

/** An app folder as a build leaves it (build/manifest.webapp), and its tarball. */
async function buildApp(slug, version, editor) {
  const dir = await mkdtemp(path.join(tmpdir(), `publish-${slug}-`));
  const build = path.join(dir, 'build');
  await mkdir(build);
  const manifest = { name: `App ${slug}`, slug, version, editor, type: 'webapp', permissions: {} };
  await writeFile(path.join(build, 'manifest.webapp'), JSON.stringify(manifest));
  await writeFile(path.join(build, 'index.html'), `<html><body>${slug} ${version}</body></html>`);
  const tarball = path.join(dir, `${slug}-${version}.tar.gz`);
  const tar = await run('tar', ['-czf', tarball, '-C', build, '.']);
  assert.equal(tar.code, 0, tar.output);
  const bytes = await readFile(tarball);
  tarballs.set(`/${slug}-${version}.tar.gz`, bytes);
  return { dir, url: `${filesUrl}/${slug}-${version}.tar.gz`, sha256: createHash('sha256').update(bytes).digest('hex') };
}

before(async () => {
  server = await acquireServer();
  files = createServer((req, res) => {
    const bytes = tarballs.get(req.url);
    if (!bytes) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/gzip', 'Content-Length': bytes.length }).end(bytes);
  });
  await new Promise((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${files.address().port}`;
});

after(async () => {
  await new Promise((resolve) => files.close(resolve));
  await releaseServer();
});

describe('cozy-app-publish', () => {
  test('publishes to Hearth, and an instance installs the version from registry://', async () => {
    const added = await adminFetch(server, 'POST', '/editors?Name=e2e-editor');
    assert.equal(added.status, 200);
    const { token } = await added.json();
    const app = await buildApp('published', '1.0.0', 'e2e-editor');
    const publishArgs = ['--token', token, '--registry-url', server.adminUrl, '--build-url', app.url,
      '--manual-version', '1.0.0', '--yes'];

    const published = await run(publishTool, publishArgs, { cwd: app.dir });
    assert.equal(published.code, 0, published.output);
    const version = await (await adminFetch(server, 'GET', '/registry/published/1.0.0')).json();
    assert.equal(version.sha256, app.sha256);
    assert.equal(version.size, String(tarballs.get('/published-1.0.0.tar.gz').length));
    assert.equal(version.url, `${server.adminUrl}/registry/published/1.0.0/tarball/published-1.0.0.tar.gz`);

    const again = await run(publishTool, publishArgs, { cwd: app.dir });
    assert.notEqual(again.code, 0);
    assert.match(again.output, /409 Conflict: Version already exists/);
    const wrongToken = await run(publishTool, [...publishArgs.slice(0, 1), 'bm9wZQ==', ...publishArgs.slice(2)],
      { cwd: app.dir });
    assert.notEqual(wrongToken.code, 0);

    const instance = await createInstance(server, 'publish');
    const cli = await instance.token('io.cozy.apps');
    const installed = await api(instance, cli, 'POST', '/apps/published?Source=registry://published/stable');
    assert.equal(installed.status, 202, JSON.stringify(installed.body));
    assert.equal(installed.body.data.attributes.version, '1.0.0');
    assert.equal(installed.body.data.attributes.checksum, app.sha256);
    assert.equal(installed.body.data.attributes.state, 'ready');
  });
});

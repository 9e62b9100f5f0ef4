// Builds the Todos app into target/: its files (target/www), the Cozy archive
// (todos-<version>.tar.gz, what `hearth apps install` takes) and the app bundle jar
// (dev.hearth.apps.todos-<version>.jar, apps/README.md's format, what load/ takes).
// Both are reproducible: fixed dates, sorted entries.
//   node build.mjs          (JAVA_HOME at a JDK for the `jar` tool; else `jar` on the PATH)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const { version } = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'));
const target = path.join(here, 'target');
const www = path.join(target, 'www');
const FIXED_DATE = '2026-01-01T00:00:00Z';

fs.rmSync(www, { recursive: true, force: true });
fs.mkdirSync(www, { recursive: true });

const bundle = await esbuild.build({
  entryPoints: [path.join(here, 'src', 'main.js')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  platform: 'browser',
  define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
  inject: [path.join(here, 'src', 'process-shim.js')],
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
});
const js = bundle.outputFiles[0].contents;
const css = fs.readFileSync(path.join(here, 'src', 'app.css'));
// A content id in the name: the app host caches such files for a year (cozy-stack's rule).
const named = (base, ext, bytes) => `${base}.${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.${ext}`;
const appJs = named('app', 'js', js);
const appCss = named('app', 'css', css);
fs.writeFileSync(path.join(www, appJs), js);
fs.writeFileSync(path.join(www, appCss), css);
const pub = path.join(here, 'public');
fs.writeFileSync(path.join(www, 'index.html'),
  fs.readFileSync(path.join(pub, 'index.html'), 'utf8').replace('@APP_JS@', appJs).replace('@APP_CSS@', appCss));
fs.writeFileSync(path.join(www, 'manifest.webapp'),
  fs.readFileSync(path.join(pub, 'manifest.webapp'), 'utf8').replace('@VERSION@', version));
fs.copyFileSync(path.join(pub, 'icon.svg'), path.join(www, 'icon.svg'));

const files = fs.readdirSync(www).sort();
const archive = path.join(target, `todos-${version}.tar.gz`);
fs.writeFileSync(archive, zlib.gzipSync(tar(files.map((f) => [f, fs.readFileSync(path.join(www, f))])), { level: 9 }));

const bundleDir = path.join(target, 'bundle');
fs.rmSync(bundleDir, { recursive: true, force: true });
fs.mkdirSync(bundleDir, { recursive: true });
fs.cpSync(www, path.join(bundleDir, 'www'), { recursive: true });
const mf = path.join(target, 'MANIFEST.MF');
fs.writeFileSync(mf, [
  'Bundle-ManifestVersion: 2',
  'Bundle-SymbolicName: dev.hearth.apps.todos',
  `Bundle-Version: ${version}`,
  'Bundle-Name: Todos',
  'Hearth-App: www/manifest.webapp',
  'Require-Capability: osgi.extender;filter:="(&(osgi.extender=dev.hearth.apps)(version>=1.0)(!(version>=2.0)))"',
  '',
].join('\n'));
const jar = path.join(target, `dev.hearth.apps.todos-${version}.jar`);
fs.rmSync(jar, { force: true });
const jarTool = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'jar') : 'jar';
execFileSync(jarTool, ['--create', '--file', jar, '--manifest', mf, `--date=${FIXED_DATE}`, '-C', bundleDir, '.']);

console.log(`Todos ${version}: ${appJs} (${js.length} bytes), ${path.relative(here, archive)}, ${path.relative(here, jar)}`);

/** A ustar archive of regular files at its root, owned by root, all dated FIXED_DATE. */
function tar(entries) {
  const blocks = [];
  const mtime = Math.floor(Date.parse(FIXED_DATE) / 1000);
  for (const [name, data] of entries) {
    const header = Buffer.alloc(512);
    header.write(name, 0, 100, 'utf8');
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write(`${mtime.toString(8).padStart(11, '0')}\0`, 136);
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\0' + '00', 257);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

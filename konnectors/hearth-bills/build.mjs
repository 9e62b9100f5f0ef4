// Packages the sample konnector into target/: the Cozy archive (hearth-bills-<version>.tar.gz, what
// `hearth konnectors install` and POST /konnectors/hearth-bills?Source= take) and the app bundle
// jar (dev.hearth.konnectors.bills-<version>.jar, apps/README.md's format, what load/ takes).
// Both are reproducible: fixed dates, sorted entries. The files are konnector/ as they are.
//   node build.mjs          (JAVA_HOME at a JDK for the `jar` tool; else `jar` on the PATH)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.join(here, 'konnector');
const manifest = JSON.parse(fs.readFileSync(path.join(source, 'manifest.konnector'), 'utf8'));
const { slug, version } = manifest;
const target = path.join(here, 'target');
const FIXED_DATE = '2026-01-01T00:00:00Z';

/** The files under dir, as sorted paths relative to it with / separators. */
function files(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

fs.mkdirSync(target, { recursive: true });
const entries = files(source);
const archive = path.join(target, `${slug}-${version}.tar.gz`);
fs.writeFileSync(archive, zlib.gzipSync(tar(entries.map((f) => [f, fs.readFileSync(path.join(source, f))])), { level: 9 }));

const bundleDir = path.join(target, 'bundle');
fs.rmSync(bundleDir, { recursive: true, force: true });
fs.mkdirSync(bundleDir, { recursive: true });
fs.cpSync(source, path.join(bundleDir, 'konnector'), { recursive: true });
const mf = path.join(target, 'MANIFEST.MF');
fs.writeFileSync(mf, [
  'Bundle-ManifestVersion: 2',
  'Bundle-SymbolicName: dev.hearth.konnectors.bills',
  `Bundle-Version: ${version}`,
  `Bundle-Name: ${manifest.name}`,
  'Hearth-App: konnector/manifest.konnector',
  'Require-Capability: osgi.extender;filter:="(&(osgi.extender=dev.hearth.apps)(version>=1.0)(!(version>=2.0)))"',
  '',
].join('\n'));
const jar = path.join(target, `dev.hearth.konnectors.bills-${version}.jar`);
fs.rmSync(jar, { force: true });
const jarTool = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'jar') : 'jar';
execFileSync(jarTool, ['--create', '--file', jar, '--manifest', mf, `--date=${FIXED_DATE}`, '-C', bundleDir, '.']);

console.log(`${manifest.name} ${version}: ${entries.length} files, ${path.relative(here, archive)}, ${path.relative(here, jar)}`);

/** A ustar archive of regular files (paths under 100 bytes), owned by root, all dated FIXED_DATE. */
function tar(list) {
  const blocks = [];
  const mtime = Math.floor(Date.parse(FIXED_DATE) / 1000);
  for (const [name, data] of list) {
    if (Buffer.byteLength(name) >= 100) throw new Error(`${name}: path too long for a ustar header`);
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

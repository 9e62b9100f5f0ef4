// The Todos sample app (apps/todos): its built Cozy archive, built first when it is not there
// (apps/todos/build.sh: npm ci + esbuild, which the suite's own requirements already cover).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'apps', 'todos');

export const TODOS_VERSION = JSON.parse(fs.readFileSync(path.join(appDir, 'package.json'), 'utf8')).version;

/** The absolute path of todos-<version>.tar.gz, built if missing. */
export function todosArchive() {
  const archive = path.join(appDir, 'target', `todos-${TODOS_VERSION}.tar.gz`);
  if (!fs.existsSync(archive)) {
    execFileSync('bash', [path.join(appDir, 'build.sh')], { stdio: 'inherit', env: { ...process.env, HEARTH_E2E_REQUIRED: '1' } });
  }
  if (!fs.existsSync(archive)) throw new Error(`apps/todos/build.sh did not write ${archive}`);
  return archive;
}

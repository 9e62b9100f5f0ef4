// process and CommonJS require, confined to the run's module map. The run's environment and main
// module are set when the run starts (see start.js): the platform is installed before that.
const noop = () => process;
const process = {
  env: {},
  argv: ['node', '/'],
  execArgv: [],
  platform: 'linux',
  arch: 'x64',
  pid: 1,
  version: 'v20.0.0',
  versions: { node: '20.0.0' },
  release: { name: 'node' },
  exitCode: undefined,
  cwd: () => '/',
  chdir: () => { throw new Error('process.chdir() is not supported'); },
  exit: code => hostCall.exit(code === undefined ? (process.exitCode | 0) : code | 0),
  nextTick: (fn, ...args) => queueMicrotask(() => fn(...args)),
  hrtime: Object.assign(prev => {
    const ns = Math.round(performance.now() * 1e6);
    const t = [Math.floor(ns / 1e9), ns % 1e9];
    return prev ? [t[0] - prev[0] - (t[1] < prev[1] ? 1 : 0), (t[1] - prev[1] + 1e9) % 1e9] : t;
  }, { bigint: () => BigInt(Math.round(performance.now() * 1e6)) }),
  uptime: () => performance.now() / 1000,
  memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0 }),
  stdout: { write: s => { hostCall.write(false, String(s)); return true; }, isTTY: false },
  stderr: { write: s => { hostCall.write(true, String(s)); return true; }, isTTY: false },
  on: noop, once: noop, off: noop, addListener: noop, removeListener: noop, removeAllListeners: noop, emit: () => false,
  listeners: () => [],
};
define('process', process);
define('global', G);

const cache = new Map();
function normalize(path) {
  const out = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') { if (out.length === 0) return null; out.pop(); } else out.push(part);
  }
  return out.join('/');
}
function dirname(path) { const i = path.lastIndexOf('/'); return i < 0 ? '' : path.slice(0, i); }
function exists(path) { return path !== null && hostCall.readModule(path) !== null; }
function asFile(path) {
  if (path === null) return null;
  for (const p of [path, path + '.js', path + '.cjs', path + '.json']) if (p && !p.endsWith('/') && exists(p)) return p;
  return null;
}
function asDirectory(path) {
  if (path === null) return null;
  const pkgPath = (path ? path + '/' : '') + 'package.json';
  const pkg = hostCall.readModule(pkgPath);
  if (pkg !== null) {
    let m = null;
    try { m = JSON.parse(pkg).main; } catch (e) { /* no main */ }
    if (typeof m === 'string') { const f = asFile(normalize((path ? path + '/' : '') + m)) || asFile(normalize((path ? path + '/' : '') + m + '/index')); if (f) return f; }
  }
  return asFile((path ? path + '/' : '') + 'index');
}
function resolve(request, fromDir) {
  if (request.startsWith('./') || request.startsWith('../') || request === '.' || request === '..' || request.startsWith('/')) {
    const base = request.startsWith('/') ? request : (fromDir ? fromDir + '/' : '') + request;
    const p = normalize(base);
    return asFile(p) || asDirectory(p);
  }
  if (request.startsWith('node:')) return null;
  for (let dir = fromDir; ; dir = dirname(dir)) {
    if (!dir.split('/').includes('node_modules') || true) {
      const p = normalize((dir ? dir + '/' : '') + 'node_modules/' + request);
      const f = asFile(p) || asDirectory(p);
      if (f) return f;
    }
    if (dir === '') return null;
  }
}
function load(path, text) {
  const cached = cache.get(path);
  if (cached) return cached.exports;
  const module = { id: path, filename: '/' + path, loaded: false, exports: {}, children: [], paths: [] };
  cache.set(path, module);
  try {
    const source = text === undefined ? hostCall.readModule(path) : text;
    if (path.endsWith('.json')) module.exports = JSON.parse(source);
    else {
      const fn = hostCall.compile('/' + path, source);
      const dir = dirname(path);
      const req = makeRequire(dir);
      req.main = mainModule;
      fn.call(module.exports, module.exports, req, module, '/' + path, '/' + dir);
    }
  } catch (e) { cache.delete(path); throw e; }
  module.loaded = true;
  return module.exports;
}
let mainModule;
function makeRequire(dir) {
  const require = request => {
    const r = String(request);
    const path = resolve(r, dir);
    if (path === null) {
      const e = new Error("Cannot find module '" + r + "'");
      e.code = 'MODULE_NOT_FOUND';
      throw e;
    }
    return load(path);
  };
  require.resolve = request => { const p = resolve(String(request), dir); if (p === null) { const e = new Error("Cannot find module '" + request + "'"); e.code = 'MODULE_NOT_FOUND'; throw e; } return '/' + p; };
  require.cache = {};
  return require;
}

// hearth.call(name, value): the run's host calls, JSON in and out.
define('hearth', Object.freeze({
  call(name, value) {
    const answer = hostCall.call(String(name), value === undefined ? null : JSON.stringify(value));
    if (answer === null || answer === undefined) return undefined;
    const v = JSON.parse(answer);
    if (v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, '__hearthError')) throw new Error(v.__hearthError);
    return v;
  },
}));

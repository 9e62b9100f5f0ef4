// Events, AbortController, timers on the run's own loop, queueMicrotask, console, crypto, performance.
class Event {
  constructor(type, init = {}) { this.type = String(type); this.defaultPrevented = false; this.cancelable = !!init.cancelable; this.target = null; }
  preventDefault() { if (this.cancelable) this.defaultPrevented = true; }
  stopPropagation() {}
  stopImmediatePropagation() {}
}
class EventTarget {
  constructor() { Object.defineProperty(this, '_listeners', { value: new Map() }); }
  addEventListener(type, fn, options) {
    if (typeof fn !== 'function' && !(fn && typeof fn.handleEvent === 'function')) return;
    const list = this._listeners.get(type) || [];
    if (!list.some(l => l.fn === fn)) list.push({ fn, once: !!(options && options.once) });
    this._listeners.set(type, list);
  }
  removeEventListener(type, fn) {
    const list = this._listeners.get(type);
    if (list) this._listeners.set(type, list.filter(l => l.fn !== fn));
  }
  dispatchEvent(event) {
    event.target = this;
    const handler = this['on' + event.type];
    if (typeof handler === 'function') handler.call(this, event);
    for (const l of (this._listeners.get(event.type) || []).slice()) {
      if (l.once) this.removeEventListener(event.type, l.fn);
      if (typeof l.fn === 'function') l.fn.call(this, event); else l.fn.handleEvent(event);
    }
    return !event.defaultPrevented;
  }
}
class AbortSignal extends EventTarget {
  constructor() { super(); this.aborted = false; this.reason = undefined; this.onabort = null; }
  throwIfAborted() { if (this.aborted) throw this.reason; }
  static abort(reason) { const c = new AbortController(); c.abort(reason); return c.signal; }
  static timeout(ms) {
    const c = new AbortController();
    setTimeout(() => c.abort(new DOMException('The operation timed out.', 'TimeoutError')), ms);
    return c.signal;
  }
  static any(signals) {
    const c = new AbortController();
    for (const s of signals) {
      if (s.aborted) { c.abort(s.reason); break; }
      s.addEventListener('abort', () => c.abort(s.reason), { once: true });
    }
    return c.signal;
  }
}
class AbortController {
  constructor() { this.signal = new AbortSignal(); }
  abort(reason) {
    if (this.signal.aborted) return;
    this.signal.aborted = true;
    this.signal.reason = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
    this.signal.dispatchEvent(new Event('abort'));
  }
}
define('Event', Event);
define('EventTarget', EventTarget);
define('AbortSignal', AbortSignal);
define('AbortController', AbortController);

// Uncaught errors end the run, as they end a Node.js process.
function reportUncaught(e) {
  let text;
  try { text = e && e.stack ? String(e.stack) : (e instanceof Error ? e.name + ': ' + e.message : String(e)); } catch (x) { text = 'error'; }
  hostCall.uncaught(text);
}
if (setRejectionHandler) setRejectionHandler(reason => reportUncaught(reason));
function guarded(fn, args) {
  return () => { try { fn.apply(undefined, args); } catch (e) { reportUncaught(e); } };
}
class Timeout {
  constructor(id) { this._id = id; }
  ref() { hostCall.unrefTimer(this._id, false); return this; }
  unref() { hostCall.unrefTimer(this._id, true); return this; }
  hasRef() { return true; }
  [Symbol.toPrimitive]() { return this._id; }
}
function timer(fn, ms, args, repeat) {
  if (typeof fn !== 'function') throw new TypeError('The callback must be a function');
  return new Timeout(hostCall.setTimer(guarded(fn, args), Number(ms) || 0, repeat));
}
function clear(t) { if (t !== undefined && t !== null) hostCall.clearTimer(Number(t instanceof Timeout ? t._id : t) | 0); }
define('setTimeout', (fn, ms, ...args) => timer(fn, ms, args, false));
define('setInterval', (fn, ms, ...args) => timer(fn, ms, args, true));
define('setImmediate', (fn, ...args) => timer(fn, 0, args, false));
define('clearTimeout', clear);
define('clearInterval', clear);
define('clearImmediate', clear);
define('queueMicrotask', fn => {
  if (typeof fn !== 'function') throw new TypeError('The callback must be a function');
  Promise.resolve().then(() => { try { fn(); } catch (e) { reportUncaught(e); } });
});

function inspect(v, depth = 0) {
  if (typeof v === 'string') return depth ? JSON.stringify(v) : v;
  if (v instanceof Error) return v.stack || v.name + ': ' + v.message;
  if (typeof v === 'function') return '[Function: ' + (v.name || 'anonymous') + ']';
  if (typeof v === 'symbol' || typeof v === 'bigint') return v.toString() + (typeof v === 'bigint' ? 'n' : '');
  if (v === null || typeof v !== 'object') return String(v);
  try {
    const seen = new WeakSet();
    return JSON.stringify(v, (k, x) => {
      if (typeof x === 'object' && x !== null) { if (seen.has(x)) return '[Circular]'; seen.add(x); }
      return typeof x === 'bigint' ? x.toString() : x;
    });
  } catch (e) { return Object.prototype.toString.call(v); }
}
function format(args) {
  if (args.length === 0) return '';
  let first = args[0], rest = 1;
  if (typeof first === 'string' && first.includes('%')) {
    first = first.replace(/%[sdifjoOc%]/g, m => {
      if (m === '%%') return '%';
      if (rest >= args.length) return m;
      const a = args[rest++];
      switch (m) {
        case '%s': return typeof a === 'string' ? a : inspect(a, 1);
        case '%d': case '%i': return String(m === '%i' ? parseInt(a) : Number(a));
        case '%f': return String(parseFloat(a));
        case '%c': return '';
        default: return inspect(a, 1);
      }
    });
  } else first = inspect(first);
  const out = [first];
  for (let i = rest; i < args.length; i++) out.push(inspect(args[i], typeof args[i] === 'string' ? 0 : 1));
  return out.join(' ');
}
const write = (err, text) => hostCall.write(err, text);
const counts = new Map(), times = new Map();
const console = {
  log: (...a) => write(false, format(a) + '\n'),
  info: (...a) => write(false, format(a) + '\n'),
  debug: (...a) => write(false, format(a) + '\n'),
  trace: (...a) => write(true, format(a) + '\n'),
  warn: (...a) => write(true, format(a) + '\n'),
  error: (...a) => write(true, format(a) + '\n'),
  dir: (v) => write(false, inspect(v, 1) + '\n'),
  table: (v) => write(false, inspect(v, 1) + '\n'),
  assert: (ok, ...a) => { if (!ok) write(true, 'Assertion failed' + (a.length ? ': ' + format(a) : '') + '\n'); },
  count: (l = 'default') => { counts.set(l, (counts.get(l) || 0) + 1); write(false, l + ': ' + counts.get(l) + '\n'); },
  countReset: (l = 'default') => counts.delete(l),
  time: (l = 'default') => times.set(l, Date.now()),
  timeEnd: (l = 'default') => { if (times.has(l)) { write(false, l + ': ' + (Date.now() - times.get(l)) + 'ms\n'); times.delete(l); } },
  timeLog: (l = 'default') => { if (times.has(l)) write(false, l + ': ' + (Date.now() - times.get(l)) + 'ms\n'); },
  group: () => {}, groupEnd: () => {}, groupCollapsed: () => {},
};
define('console', console);

function getRandomValues(array) {
  if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array) {
    throw new TypeError('The data argument must be an integer-type TypedArray');
  }
  if (array.byteLength > 65536) throw new DOMException('The ArrayBufferView byte length exceeds 65536', 'QuotaExceededError');
  new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(latin1ToBytes(hostCall.random(array.byteLength)));
  return array;
}
function randomUUID() {
  const b = getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
  return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
}
const subtle = {
  digest(algorithm, data) {
    return new Promise((resolve, reject) => {
      const name = typeof algorithm === 'string' ? algorithm : algorithm && algorithm.name;
      const d = hostCall.digest(String(name), bytesToLatin1(toBytes(data)));
      if (d === null) reject(new DOMException('Unrecognized algorithm name', 'NotSupportedError'));
      else resolve(latin1ToBytes(d).buffer);
    });
  },
};
define('crypto', Object.freeze({ getRandomValues, randomUUID, subtle }));
let started = Date.now();
const performance = { now: () => Date.now() - started, timeOrigin: started };
define('performance', performance);
define('structuredClone', v => (v === undefined ? undefined : JSON.parse(JSON.stringify(v))));

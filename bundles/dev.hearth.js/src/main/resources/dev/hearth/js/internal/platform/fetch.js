// Headers, Blob, FormData, Request, Response and fetch, which the host performs (allow-list,
// address checks, redirects and budgets are enforced there).
class Headers {
  constructor(init) {
    this._map = new Map();
    if (init instanceof Headers) init.forEach((v, k) => this.append(k, v));
    else if (Array.isArray(init) || (init && typeof init[Symbol.iterator] === 'function')) for (const [k, v] of init) this.append(k, v);
    else if (init && typeof init === 'object') for (const k of Object.keys(init)) this.append(k, init[k]);
  }
  static _name(k) {
    const n = String(k).toLowerCase();
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(n)) throw new TypeError('Invalid header name: ' + k);
    return n;
  }
  static _value(v) { return String(v).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, ''); }
  append(k, v) { const n = Headers._name(k), x = Headers._value(v); const list = this._map.get(n); if (list) list.push(x); else this._map.set(n, [x]); }
  set(k, v) { this._map.set(Headers._name(k), [Headers._value(v)]); }
  get(k) { const list = this._map.get(Headers._name(k)); return list ? list.join(', ') : null; }
  getSetCookie() { return (this._map.get('set-cookie') || []).slice(); }
  has(k) { return this._map.has(Headers._name(k)); }
  delete(k) { this._map.delete(Headers._name(k)); }
  forEach(fn, self) { for (const [k, v] of this.entries()) fn.call(self, v, k, this); }
  *entries() {
    for (const k of [...this._map.keys()].sort()) {
      if (k === 'set-cookie') for (const v of this._map.get(k)) yield [k, v];
      else yield [k, this._map.get(k).join(', ')];
    }
  }
  *keys() { for (const [k] of this.entries()) yield k; }
  *values() { for (const [, v] of this.entries()) yield v; }
  [Symbol.iterator]() { return this.entries(); }
  raw() { const o = {}; for (const [k, v] of this._map) o[k] = v.slice(); return o; }
}
class Blob {
  constructor(parts = [], options = {}) {
    const chunks = [];
    for (const p of parts) {
      if (p instanceof Blob) chunks.push(p._bytes);
      else if (p instanceof ArrayBuffer || ArrayBuffer.isView(p)) chunks.push(toBytes(p).slice());
      else chunks.push(utf8Encode(String(p)));
    }
    const size = chunks.reduce((n, c) => n + c.length, 0);
    this._bytes = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) { this._bytes.set(c, at); at += c.length; }
    this.type = options.type ? String(options.type).toLowerCase() : '';
  }
  get size() { return this._bytes.length; }
  slice(start = 0, end = this.size, type = '') { return new Blob([this._bytes.slice(start, end)], { type }); }
  text() { return Promise.resolve(utf8Decode(this._bytes)); }
  arrayBuffer() { return Promise.resolve(this._bytes.slice().buffer); }
  bytes() { return Promise.resolve(this._bytes.slice()); }
}
class File extends Blob {
  constructor(parts, name, options = {}) { super(parts, options); this.name = String(name); this.lastModified = options.lastModified || Date.now(); }
}
class FormData {
  constructor() { this._list = []; }
  _entry(name, value, filename) {
    if (value instanceof Blob) return [String(name), value instanceof File && filename === undefined ? value : new File([value], filename === undefined ? 'blob' : filename, { type: value.type })];
    return [String(name), String(value)];
  }
  append(name, value, filename) { this._list.push(this._entry(name, value, filename)); }
  set(name, value, filename) { this.delete(name); this.append(name, value, filename); }
  delete(name) { this._list = this._list.filter(e => e[0] !== String(name)); }
  get(name) { const e = this._list.find(e => e[0] === String(name)); return e ? e[1] : null; }
  getAll(name) { return this._list.filter(e => e[0] === String(name)).map(e => e[1]); }
  has(name) { return this._list.some(e => e[0] === String(name)); }
  forEach(fn, self) { for (const [k, v] of this._list) fn.call(self, v, k, this); }
  entries() { return this._list.map(e => e.slice())[Symbol.iterator](); }
  keys() { return this._list.map(e => e[0])[Symbol.iterator](); }
  values() { return this._list.map(e => e[1])[Symbol.iterator](); }
  [Symbol.iterator]() { return this.entries(); }
  _encode() {
    const boundary = '----hearth' + randomUUID().replace(/-/g, '');
    const esc = s => s.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
    let body = '';
    for (const [name, value] of this._list) {
      body += '--' + boundary + '\r\nContent-Disposition: form-data; name="' + esc(bytesToLatin1(utf8Encode(name))) + '"';
      if (value instanceof File) {
        body += '; filename="' + esc(bytesToLatin1(utf8Encode(value.name))) + '"\r\nContent-Type: ' + (value.type || 'application/octet-stream') + '\r\n\r\n' + bytesToLatin1(value._bytes) + '\r\n';
      } else body += '\r\n\r\n' + bytesToLatin1(utf8Encode(value)) + '\r\n';
    }
    return { body: body + '--' + boundary + '--\r\n', type: 'multipart/form-data; boundary=' + boundary };
  }
}
// A body is kept as a byte string (latin-1), as text, or as a host body read on demand.
function extractBody(body, headers) {
  if (body === undefined || body === null) return null;
  const setType = t => { if (!headers.has('content-type')) headers.set('content-type', t); };
  if (typeof body === 'string') { setType('text/plain;charset=UTF-8'); return { text: body }; }
  if (body instanceof URLSearchParams) { setType('application/x-www-form-urlencoded;charset=UTF-8'); return { text: body.toString() }; }
  if (body instanceof FormData) { const f = body._encode(); setType(f.type); return { latin1: f.body }; }
  if (body instanceof Blob) { if (body.type) setType(body.type); return { latin1: bytesToLatin1(body._bytes) }; }
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return { latin1: bytesToLatin1(toBytes(body)) };
  setType('text/plain;charset=UTF-8');
  return { text: String(body) };
}
class Body {
  _initBody(body) { this._body = body; this.bodyUsed = false; }
  _consume() {
    if (this.bodyUsed) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.bodyUsed = true;
    return Promise.resolve(this._body);
  }
  _text(b) {
    if (b === null) return '';
    if (b.text !== undefined) return b.text;
    if (b.latin1 !== undefined) return utf8Decode(latin1ToBytes(b.latin1));
    return hostCall.body(b.host, false, this.headers.get('content-type'));
  }
  _bytes(b) {
    if (b === null) return new Uint8Array(0);
    if (b.text !== undefined) return utf8Encode(b.text);
    if (b.latin1 !== undefined) return latin1ToBytes(b.latin1);
    return latin1ToBytes(hostCall.body(b.host, true, null));
  }
  get body() { return null; }
  text() { return this._consume().then(b => this._text(b)); }
  json() { return this.text().then(t => JSON.parse(t)); }
  arrayBuffer() { return this._consume().then(b => this._bytes(b).buffer); }
  bytes() { return this._consume().then(b => this._bytes(b)); }
  blob() { return this._consume().then(b => new Blob([this._bytes(b)], { type: this.headers.get('content-type') || '' })); }
  formData() {
    return this.text().then(t => {
      const type = this.headers.get('content-type') || '';
      if (!type.startsWith('application/x-www-form-urlencoded')) throw new TypeError('Only urlencoded form data can be parsed');
      const f = new FormData();
      new URLSearchParams(t).forEach((v, k) => f.append(k, v));
      return f;
    });
  }
}
class Request extends Body {
  constructor(input, init = {}) {
    super();
    const from = input instanceof Request ? input : null;
    this.url = new URL(from ? from.url : String(input instanceof URL ? input.href : input)).href;
    this.method = String(init.method || (from ? from.method : 'GET')).toUpperCase();
    this.headers = new Headers(init.headers || (from ? from.headers : undefined));
    this.redirect = init.redirect || (from ? from.redirect : 'follow');
    this.signal = init.signal || (from ? from.signal : new AbortController().signal);
    this.credentials = init.credentials || 'same-origin';
    this.mode = init.mode || 'cors';
    this.cache = init.cache || 'default';
    const body = init.body !== undefined ? extractBody(init.body, this.headers) : (from ? from._body : null);
    if (body !== null && (this.method === 'GET' || this.method === 'HEAD')) throw new TypeError('Request with GET/HEAD method cannot have body.');
    this._initBody(body);
  }
  clone() { if (this.bodyUsed) throw new TypeError('Body has already been used'); return new Request(this); }
}
class Response extends Body {
  constructor(body = null, init = {}) {
    super();
    this.status = init.status === undefined ? 200 : init.status;
    if (this.status < 200 || this.status > 599) throw new RangeError('The status provided (' + this.status + ') is outside the range [200, 599].');
    this.statusText = init.statusText === undefined ? '' : String(init.statusText);
    this.headers = new Headers(init.headers);
    this.url = init.url || '';
    this.redirected = !!init.redirected;
    this.type = init.type || 'default';
    this._initBody(init.hostBody !== undefined ? { host: init.hostBody } : extractBody(body, this.headers));
  }
  get ok() { return this.status >= 200 && this.status < 300; }
  clone() {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    const r = new Response(null, this);
    r._body = this._body;
    return r;
  }
  static json(data, init = {}) {
    const headers = new Headers(init.headers);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return new Response(JSON.stringify(data), Object.assign({}, init, { headers }));
  }
  static error() { const r = new Response(null, { status: 200 }); r.status = 0; r.type = 'error'; return r; }
  static redirect(url, status = 302) { return new Response(null, { status, headers: { location: new URL(url).href } }); }
}
function fetch(input, init) {
  let request;
  try { request = new Request(input, init); } catch (e) { return Promise.reject(e); }
  const signal = request.signal;
  return new Promise((resolve, reject) => {
    if (signal.aborted) { reject(signal.reason); return; }
    setTimeout(() => {
      if (signal.aborted) { reject(signal.reason); return; }
      const b = request._body;
      const payload = b === null ? null : b.latin1 !== undefined ? b.latin1 : b.text !== undefined ? bytesToLatin1(utf8Encode(b.text)) : null;
      const answer = JSON.parse(hostCall.fetch(request.method, request.url, JSON.stringify([...request.headers]), payload, String(request.redirect)));
      if (answer.error) { reject(new TypeError('fetch failed: ' + answer.error)); return; }
      if (signal.aborted) { hostCall.release(answer.body); reject(signal.reason); return; }
      resolve(new Response(null, {
        status: answer.status, statusText: answer.statusText, headers: answer.headers,
        url: answer.url, redirected: answer.redirected, type: 'basic', hostBody: answer.body,
      }));
    }, 0);
  });
}
define('Headers', Headers);
define('Blob', Blob);
define('File', File);
define('FormData', FormData);
define('Request', Request);
define('Response', Response);
define('fetch', fetch);

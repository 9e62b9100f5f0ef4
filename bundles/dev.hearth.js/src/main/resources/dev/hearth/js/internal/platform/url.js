// URL (parsed by the host) and URLSearchParams.
function formEncode(s) {
  return encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()~]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
function formDecode(s) {
  const t = s.replace(/\+/g, ' ');
  try { return decodeURIComponent(t); } catch (e) { return t.replace(/%([0-9a-fA-F]{2})/g, (m, h) => String.fromCharCode(parseInt(h, 16))); }
}
class URLSearchParams {
  constructor(init = '') {
    this._list = [];
    this._url = null;
    if (init instanceof URLSearchParams) this._list = init._list.map(p => p.slice());
    else if (typeof init === 'object' && init !== null && typeof init[Symbol.iterator] === 'function') {
      for (const pair of init) {
        const p = Array.from(pair);
        if (p.length !== 2) throw new TypeError('Each query pair must be a name/value tuple');
        this._list.push([String(p[0]), String(p[1])]);
      }
    } else if (typeof init === 'object' && init !== null) {
      for (const k of Object.keys(init)) this._list.push([k, String(init[k])]);
    } else this._parse(String(init));
  }
  _parse(s) {
    this._list = [];
    for (const part of (s.startsWith('?') ? s.slice(1) : s).split('&')) {
      if (!part) continue;
      const i = part.indexOf('=');
      this._list.push(i < 0 ? [formDecode(part), ''] : [formDecode(part.slice(0, i)), formDecode(part.slice(i + 1))]);
    }
  }
  _update() { if (this._url) { const s = this.toString(); this._url._search = s ? '?' + s : ''; } }
  get size() { return this._list.length; }
  append(k, v) { this._list.push([String(k), String(v)]); this._update(); }
  delete(k) { this._list = this._list.filter(p => p[0] !== String(k)); this._update(); }
  get(k) { const p = this._list.find(p => p[0] === String(k)); return p ? p[1] : null; }
  getAll(k) { return this._list.filter(p => p[0] === String(k)).map(p => p[1]); }
  has(k) { return this._list.some(p => p[0] === String(k)); }
  set(k, v) {
    const key = String(k);
    const i = this._list.findIndex(p => p[0] === key);
    if (i < 0) this._list.push([key, String(v)]);
    else { this._list[i][1] = String(v); this._list = this._list.filter((p, j) => j <= i || p[0] !== key); }
    this._update();
  }
  sort() { this._list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)); this._update(); }
  forEach(fn, self) { for (const [k, v] of this._list) fn.call(self, v, k, this); }
  keys() { return this._list.map(p => p[0])[Symbol.iterator](); }
  values() { return this._list.map(p => p[1])[Symbol.iterator](); }
  entries() { return this._list.map(p => p.slice())[Symbol.iterator](); }
  [Symbol.iterator]() { return this.entries(); }
  toString() { return this._list.map(([k, v]) => formEncode(k) + '=' + formEncode(v)).join('&'); }
}
class URL {
  constructor(url, base) {
    const parts = hostCall.parseUrl(String(url), base === undefined ? null : String(base));
    if (parts === null) throw new TypeError('Invalid URL: ' + url);
    this._set(JSON.parse(parts));
  }
  static canParse(url, base) { return hostCall.parseUrl(String(url), base === undefined ? null : String(base)) !== null; }
  _set(p) {
    this._protocol = p.protocol; this._username = p.username; this._password = p.password;
    this._hostname = p.hostname; this._port = p.port; this._pathname = p.pathname;
    this._search = p.search; this._hash = p.hash; this._opaque = !!p.opaque;
    this._params = new URLSearchParams(this._search);
    this._params._url = this;
  }
  _reparse(href) {
    const parts = hostCall.parseUrl(href, null);
    if (parts !== null) this._set(JSON.parse(parts));
  }
  get href() {
    if (this._opaque) return this._protocol + this._pathname + this._search + this._hash;
    const auth = this._username || this._password ? this._username + (this._password ? ':' + this._password : '') + '@' : '';
    return this._protocol + '//' + auth + this.host + this._pathname + this._search + this._hash;
  }
  set href(v) { const p = hostCall.parseUrl(String(v), null); if (p === null) throw new TypeError('Invalid URL: ' + v); this._set(JSON.parse(p)); }
  get origin() { return ['http:', 'https:', 'ws:', 'wss:'].includes(this._protocol) ? this._protocol + '//' + this.host : 'null'; }
  get protocol() { return this._protocol; }
  set protocol(v) { const s = String(v).replace(/:?$/, ':'); this._reparse(s + this.href.slice(this._protocol.length)); }
  get username() { return this._username; }
  set username(v) { this._username = encodeURIComponent(String(v)); }
  get password() { return this._password; }
  set password(v) { this._password = encodeURIComponent(String(v)); }
  get host() { return this._hostname + (this._port ? ':' + this._port : ''); }
  set host(v) { const u = this.href.replace('//' + this.host, '//' + String(v)); this._reparse(u); }
  get hostname() { return this._hostname; }
  set hostname(v) { this._hostname = String(v).toLowerCase(); }
  get port() { return this._port; }
  set port(v) { const s = String(v); this._reparse(this._protocol + '//' + this._hostname + (s ? ':' + s : '') + this._pathname + this._search + this._hash); }
  get pathname() { return this._pathname; }
  set pathname(v) { let s = String(v); if (!s.startsWith('/')) s = '/' + s; this._reparse(this._protocol + '//' + this.host + s + this._search + this._hash); }
  get search() { return this._search.length > 1 ? this._search : ''; }
  set search(v) { const s = String(v); this._search = s === '' || s === '?' ? '' : (s.startsWith('?') ? s : '?' + s); this._params._parse(this._search); }
  get searchParams() { return this._params; }
  get hash() { return this._hash.length > 1 ? this._hash : ''; }
  set hash(v) { const s = String(v); this._hash = s === '' ? '' : (s.startsWith('#') ? s : '#' + s); }
  toString() { return this.href; }
  toJSON() { return this.href; }
}
define('URL', URL);
define('URLSearchParams', URLSearchParams);

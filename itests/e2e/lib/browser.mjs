// A scripted browser for one instance: it keeps the cookies the server sets, follows nothing by
// itself (each redirect is checked by the test), and logs in the way the login page's script
// does: base64(PBKDF2-SHA256(PBKDF2-SHA256(passphrase, salt, iterations), passphrase, 1)).
import './localhost-dns.mjs';
import { pbkdf2Sync } from 'node:crypto';

export function clientSideHash(passphrase, salt, iterations) {
  const master = pbkdf2Sync(passphrase, salt, iterations, 32, 'sha256');
  return pbkdf2Sync(master, passphrase, 1, 32, 'sha256').toString('base64');
}

/** The named attributes and the hidden/prefilled inputs of an HTML page. */
export function formOf(html) {
  const fields = {};
  for (const m of html.matchAll(/name="([^"]+)" value="([^"]*)"/g)) {
    fields[m[1]] = m[2].replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'");
  }
  return fields;
}

export function attributeOf(html, name) {
  const m = new RegExp(`${name}="([^"]*)"`).exec(html);
  if (!m) throw new Error(`No ${name} in ${html}`);
  return m[1];
}

export class Browser {
  constructor() {
    this.cookies = new Map();
  }

  async request(url, { method = 'GET', form, headers = {} } = {}) {
    const h = { ...headers };
    if (this.cookies.size) h.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body;
    if (form) {
      h['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
    }
    const res = await fetch(url, { method, headers: h, body, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (!value || /Max-Age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, location: res.headers.get('location'), headers: res.headers, text: await res.text() };
  }

  /** Fills and posts the login form found at loginUrl; resolves to the POST's response. */
  async logIn(loginUrl, passphrase) {
    const page = await this.request(loginUrl);
    if (page.status !== 200) throw new Error(`GET ${loginUrl} answered ${page.status}`);
    const form = formOf(page.text);
    form.passphrase = clientSideHash(passphrase, attributeOf(page.text, 'data-salt'),
      Number(attributeOf(page.text, 'data-iterations')));
    return this.request(new URL('/auth/login', loginUrl).href, { method: 'POST', form });
  }
}

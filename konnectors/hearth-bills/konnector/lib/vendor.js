'use strict';
// The vendor's site: a login form, a session cookie, a table of bills with a PDF link each.
const { KonnectorError } = require('./log');

const VENDOR = 'Ember Energy';

function decodeHtml(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function cell(row, name) {
  const m = new RegExp('<td class="' + name + '">([^<]*)</td>').exec(row);
  return m ? decodeHtml(m[1]).trim() : null;
}

/** The bills of the page: {id, date (yyyy-mm-dd), amount (number), currency, vendor, pdf (URL)}. */
function parseBills(html, base) {
  const bills = [];
  for (const m of html.matchAll(/<tr class="bill" data-id="([^"]+)">([\s\S]*?)<\/tr>/g)) {
    const row = m[2];
    const amount = /^([0-9]+(?:\.[0-9]+)?)\s*([A-Z]{3})$/.exec(cell(row, 'amount') || '');
    const link = /<a class="pdf" href="([^"]+)"/.exec(row);
    const date = cell(row, 'date');
    if (!amount || !link || !/^\d{4}-\d{2}-\d{2}$/.test(date || '')) continue;
    bills.push({
      id: decodeHtml(m[1]),
      date,
      amount: Number(amount[1]),
      currency: amount[2],
      vendor: cell(row, 'vendor') || VENDOR,
      pdf: new URL(decodeHtml(link[1]), base).href,
    });
  }
  return bills;
}

class Vendor {
  constructor(baseUrl) {
    this.base = baseUrl.endsWith('/') ? baseUrl : baseUrl + '/';
    this.cookie = null;
  }

  async call(path, init = {}) {
    const headers = Object.assign({}, init.headers);
    if (this.cookie) headers.Cookie = this.cookie;
    try {
      return await fetch(new URL(path, this.base).href, Object.assign({}, init, { headers, redirect: 'manual' }));
    } catch (e) {
      throw new KonnectorError('VENDOR_DOWN', e.message);
    }
  }

  /** Signs in; a refused login or password is LOGIN_FAILED. */
  async login(login, password) {
    const res = await this.call('login', { method: 'POST', body: new URLSearchParams({ login, password }) });
    await res.text();
    if (res.status === 401 || res.status === 403) throw new KonnectorError('LOGIN_FAILED');
    const session = res.headers.getSetCookie().map(c => c.split(';')[0]).find(c => c.startsWith('session='));
    if (res.status !== 303 || !session) throw new KonnectorError('VENDOR_DOWN', 'login answered ' + res.status);
    this.cookie = session;
  }

  async bills() {
    const res = await this.call('bills');
    if (res.status !== 200) throw new KonnectorError('VENDOR_DOWN', 'the bills page answered ' + res.status);
    return parseBills(await res.text(), this.base);
  }

  /** The PDF of a bill, as bytes. */
  async download(bill) {
    const res = await this.call(bill.pdf);
    const type = res.headers.get('content-type') || '';
    if (res.status !== 200 || !type.startsWith('application/pdf')) {
      await res.text();
      throw new KonnectorError('FILE_DOWNLOAD_FAILED', bill.pdf + ' answered ' + res.status + ' ' + type);
    }
    return new Uint8Array(await res.arrayBuffer());
  }

  async unlink(login, password) {
    const res = await this.call('account/unlink', { method: 'POST', body: new URLSearchParams({ login, password }) });
    await res.text();
    return res.status === 204;
  }
}

module.exports = { Vendor, parseBills, VENDOR };

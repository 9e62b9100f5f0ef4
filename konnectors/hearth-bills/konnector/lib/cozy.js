'use strict';
// The few calls of the Cozy API the konnector needs, over the global fetch, with its token.

class CozyError extends Error {
  constructor(method, path, status, body) {
    super(method + ' ' + path + ' answered ' + status + ': ' + String(body).slice(0, 300));
    this.status = status;
  }
}

class Cozy {
  constructor(url, token) {
    this.base = url.endsWith('/') ? url : url + '/';
    this.token = token;
  }

  async request(method, path, { json, body, type, expect = [200, 201] } = {}) {
    const headers = { Authorization: 'Bearer ' + this.token, Accept: 'application/json' };
    let payload = body;
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(json);
    } else if (type) {
      headers['Content-Type'] = type;
    }
    const res = await fetch(this.base + path, { method, headers, body: payload });
    const text = await res.text();
    if (!expect.includes(res.status)) throw new CozyError(method, path, res.status, text);
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  async getDoc(doctype, id) {
    return (await this.request('GET', 'data/' + doctype + '/' + encodeURIComponent(id))).body;
  }

  async createDoc(doctype, doc) {
    return (await this.request('POST', 'data/' + doctype + '/', { json: doc })).body;
  }

  /** Every document of `doctype` matching `selector`, page after page (Mango, with an index on `fields`). */
  async findAll(doctype, fields, selector) {
    const index = await this.request('POST', 'data/' + doctype + '/_index', { json: { index: { fields } } });
    const docs = [];
    for (let skip = 0; ; ) {
      const page = (await this.request('POST', 'data/' + doctype + '/_find', {
        json: { selector, use_index: index.body.id, limit: 100, skip },
      })).body;
      docs.push(...page.docs);
      if (!page.next || page.docs.length === 0) return docs;
      skip += page.docs.length;
    }
  }

  /** The attributes of a file or folder, with its id, or null when there is none. */
  async statById(id) {
    const r = await this.request('GET', 'files/' + encodeURIComponent(id), { expect: [200, 404] });
    return r.status === 404 ? null : Object.assign({ id: r.body.data.id }, r.body.data.attributes);
  }

  async statByPath(path) {
    const r = await this.request('GET', 'files/metadata?Path=' + encodeURIComponent(path), { expect: [200, 404] });
    return r.status === 404 ? null : Object.assign({ id: r.body.data.id }, r.body.data.attributes);
  }

  /** Uploads `bytes` as a new file of folder `dirId`, recording the account it came from. */
  async upload(dirId, name, bytes, contentType, { sourceAccount, sourceAccountIdentifier }) {
    const query = new URLSearchParams({ Type: 'file', Name: name, SourceAccount: sourceAccount });
    if (sourceAccountIdentifier) query.set('SourceAccountIdentifier', sourceAccountIdentifier);
    const r = await this.request('POST', 'files/' + encodeURIComponent(dirId) + '?' + query, {
      body: bytes,
      type: contentType,
    });
    return Object.assign({ id: r.body.data.id }, r.body.data.attributes);
  }
}

module.exports = { Cozy, CozyError };

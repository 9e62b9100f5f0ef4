'use strict';
// Run by the stack when an Ember Energy account is deleted (manifest `on_delete_account`, with
// `account_deleted: true` in COZY_FIELDS): unlinks the account at the vendor, best effort.
const { Cozy } = require('./lib/cozy');
const env = require('./lib/env');
const log = require('./lib/log');
const { Vendor } = require('./lib/vendor');

/**
 * The deleted account as it was: the stack keeps its last revision until this script has run, and
 * answers it to GET /data/io.cozy.accounts/:id?rev=<account_rev> (cozy-stack's contract).
 */
async function deletedAccount(cozy, id, rev) {
  const query = rev ? '?rev=' + encodeURIComponent(rev) : '';
  const r = await cozy.request('GET', 'data/io.cozy.accounts/' + encodeURIComponent(id) + query, { expect: [200, 404] });
  return r.status === 200 && r.body ? r.body : {};
}

async function main() {
  const { cozyUrl, token, fields, parameters } = env.read();
  log.info('Account ' + fields.account + ' deleted: unlinking it at the vendor');
  const cozy = new Cozy(cozyUrl, token);
  const auth = (await deletedAccount(cozy, fields.account, fields.account_rev)).auth || {};
  if (!auth.login || !auth.password) {
    log.info('The account is gone with its credentials: nothing to unlink');
    return;
  }
  const vendor = new Vendor(auth.url || parameters.vendor_url);
  const done = await vendor.unlink(auth.login, auth.password);
  log.info(done ? 'Unlinked ' + auth.login + ' at the vendor' : 'The vendor refused to unlink ' + auth.login);
}

main().catch(e => {
  log.warning((e && e.message) || String(e));
  log.critical(e instanceof log.KonnectorError ? e.code : 'UNKNOWN_ERROR');
  // process.exit, not process.exitCode: the run must end with an error whatever is left pending.
  process.exit(1);
});

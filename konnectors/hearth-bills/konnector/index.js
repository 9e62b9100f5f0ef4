'use strict';
// Ember Energy bills: signs in to the vendor's site with the account's login and password, reads
// the list of bills, saves each PDF into the folder to save and one io.cozy.bills document per
// bill, without importing anything twice. Written for a sandboxed runtime: the global fetch, URL
// and process.env only, no Node.js module.
const { Cozy } = require('./lib/cozy');
const env = require('./lib/env');
const log = require('./lib/log');
const { Vendor } = require('./lib/vendor');
const { saveBills } = require('./lib/bills');

/** The vendor's address: the account's own (`auth.url`, an advanced field), else the konnector's parameter. */
function vendorUrl(auth, parameters) {
  const url = auth.url || parameters.vendor_url;
  if (!url) throw new log.KonnectorError('VENDOR_DOWN', 'no vendor address');
  return url;
}

async function main() {
  const { cozyUrl, token, fields, parameters } = env.read();
  const cozy = new Cozy(cozyUrl, token);
  if (!fields.account) throw new log.KonnectorError('LOGIN_FAILED', 'the job names no account');
  const account = await cozy.getDoc('io.cozy.accounts', fields.account);
  const auth = account.auth || {};
  if (!auth.login || !auth.password) throw new log.KonnectorError('LOGIN_FAILED', 'the account has no login or password');

  const folder = fields.folder_to_save ? await cozy.statById(fields.folder_to_save) : null;
  if (!folder || folder.type !== 'directory' || folder.trashed) throw new log.KonnectorError('NOT_EXISTING_DIRECTORY');

  const vendor = new Vendor(vendorUrl(auth, parameters));
  log.info('Signing in to ' + new URL(vendor.base).host + ' as ' + auth.login);
  await vendor.login(auth.login, auth.password);
  log.info('Signed in');

  const bills = await vendor.bills();
  log.info('Found ' + bills.length + ' bills');
  const saved = await saveBills(cozy, vendor, folder, bills, {
    sourceAccount: fields.account,
    sourceAccountIdentifier: auth.login,
  });
  log.info('Imported ' + saved.docs + ' new bills and ' + saved.files + ' new files into ' + folder.path, saved);
}

main().catch(e => {
  const code = e instanceof log.KonnectorError ? e.code : 'UNKNOWN_ERROR';
  if (e.detail || code === 'UNKNOWN_ERROR') log.warning(e.detail || (e && e.stack) || String(e));
  log.critical(code);
  // process.exit, not process.exitCode: the run must end with an error whatever is left pending.
  process.exit(1);
});

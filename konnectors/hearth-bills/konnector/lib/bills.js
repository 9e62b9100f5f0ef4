'use strict';
// Saving bills as cozy-konnector-libs' saveBills does: each PDF into the folder to save (skipped
// when a file of that name is already there), then one io.cozy.bills document per bill not yet
// imported, a bill being the same when its vendor, date and amount are.
const { KonnectorError } = require('./log');

const BILLS = 'io.cozy.bills';

const isoDate = day => day + 'T00:00:00.000Z';
const keyOf = b => [b.vendor, String(b.date).slice(0, 10), Number(b.amount).toFixed(2)].join('|');
const fileName = b => b.date + '_' + b.vendor.replace(/[^A-Za-z0-9]+/g, '-') + '_' + b.amount.toFixed(2) + b.currency + '.pdf';

async function saveFile(cozy, vendor, folder, bill, account) {
  const name = fileName(bill);
  const existing = await cozy.statByPath(folder.path + '/' + name);
  if (existing) return { file: existing, created: false };
  const bytes = await vendor.download(bill);
  try {
    const file = await cozy.upload(folder.id, name, bytes, 'application/pdf', account);
    return { file, created: true };
  } catch (e) {
    throw new KonnectorError('SAVE_FILE_FAILED', e.message);
  }
}

/** Saves the bills: answers how many files and bill documents were created. */
async function saveBills(cozy, vendor, folder, bills, account) {
  const known = new Set();
  for (const name of new Set(bills.map(b => b.vendor))) {
    for (const doc of await cozy.findAll(BILLS, ['vendor'], { vendor: name })) known.add(keyOf(doc));
  }
  let files = 0;
  let docs = 0;
  for (const bill of bills) {
    const { file, created } = await saveFile(cozy, vendor, folder, bill, account);
    if (created) files++;
    if (known.has(keyOf(bill))) continue;
    await cozy.createDoc(BILLS, {
      vendor: bill.vendor,
      vendorRef: bill.id,
      date: isoDate(bill.date),
      amount: bill.amount,
      currency: bill.currency,
      type: 'energy',
      filename: file.name,
      fileurl: bill.pdf,
      invoice: 'io.cozy.files:' + file.id,
      cozyMetadata: {
        sourceAccount: account.sourceAccount,
        sourceAccountIdentifier: account.sourceAccountIdentifier,
      },
    });
    known.add(keyOf(bill));
    docs++;
  }
  return { files, docs };
}

module.exports = { saveBills, fileName, keyOf };

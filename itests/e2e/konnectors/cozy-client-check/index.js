// A konnector written on the real cozy-client (npm), bundled with esbuild into one file, as
// konnectors are shipped: it reads its account and folder, queries, writes documents and uploads
// a file with cozy-client over the sandbox's globals, and reports what it did as info events.
import CozyClient, { Q } from 'cozy-client';

const log = (type, message) => process.stdout.write(JSON.stringify({ type, message }) + '\n');

async function main() {
  const fields = JSON.parse(process.env.COZY_FIELDS);
  const client = new CozyClient({
    uri: process.env.COZY_URL.replace(/\/$/, ''),
    token: process.env.COZY_CREDENTIALS,
    schema: { bills: { doctype: 'io.cozy.bills' } },
    store: false,
  });
  const { data: account } = await client.query(Q('io.cozy.accounts').getById(fields.account));
  log('info', `account ${account._id} of type ${account.account_type}`);
  const files = client.collection('io.cozy.files');
  const { data: folder } = await files.statById(fields.folder_to_save);
  log('info', `folder ${folder.attributes ? folder.attributes.path : folder.path}`);

  const vendor = 'cozy-client check';
  const byVendor = Q('io.cozy.bills').where({ vendor }).indexFields(['vendor']);
  const before = await client.queryAll(byVendor);
  const { data: saved } = await client.save({ _type: 'io.cozy.bills', vendor, amount: before.length + 1, date: '2026-05-01T00:00:00.000Z' });
  const after = await client.queryAll(byVendor);
  log('info', `bills ${before.length} -> ${after.length}, saved ${saved._id}`);

  const name = `check-${before.length + 1}.txt`;
  const blob = new Blob([`written by cozy-client, run ${before.length + 1}`], { type: 'text/plain' });
  const { data: file } = await files.createFile(blob, { name, dirId: fields.folder_to_save, contentType: 'text/plain' });
  log('info', `file ${file.name || file.attributes.name} ${file._id || file.id}`);
}

main().catch((e) => {
  log('error', (e && e.stack) || String(e));
  log('critical', 'UNKNOWN_ERROR');
  process.exit(1);
});

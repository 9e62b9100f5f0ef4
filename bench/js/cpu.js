// A CPU-bound workload run unchanged by node and by Hearth's sandbox: recursion, objects, strings
// and JSON. It prints how long the work took, as a konnector's info event.
function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

function objects(count) {
  const docs = [];
  for (let i = 0; i < count; i++) {
    docs.push({ id: 'doc' + i, amount: (i * 37) % 1000, vendor: 'v' + (i % 17), tags: ['a', 'b' + (i % 5)] });
  }
  const text = JSON.stringify(docs);
  const back = JSON.parse(text);
  let sum = 0;
  for (const d of back) {
    if (d.vendor.endsWith('3')) sum += d.amount;
  }
  return sum + text.length;
}

function strings(count) {
  const words = [];
  for (let i = 0; i < count; i++) words.push(i.toString(36));
  return words.sort().join(' ').split(' ').filter((w) => w.includes('a')).length;
}

const start = Date.now();
let check = 0;
for (let round = 0; round < 5; round++) {
  check += fib(25) + objects(20000) + strings(50000);
}
const ms = Date.now() - start;
console.log(JSON.stringify({ type: 'info', message: String(ms), check }));

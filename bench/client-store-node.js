// cozy-client's store, measured as bench/client-store.sh measures the Java client's: DOCS
// documents, QUERIES stored queries answered from the store, then the median time of one
// realtime-style update (receiveMutationResult, which re-evaluates every query with sift.js).
//
//   NODE_PATH=itests/e2e/node_modules node bench/client-store-node.js [DOCS] [QUERIES] [MUTATIONS]
'use strict'
const { default: CozyClient } = require('cozy-client/dist/CozyClient')
const { Q, Mutations } = require('cozy-client/dist/queries/dsl')
const { receiveMutationResult } = require('cozy-client/dist/store/mutations')

const [docs = 10000, queries = 100, rounds = 2000] = process.argv.slice(2).map(Number)
const T = 'io.cozy.bench'
let seed = 7
const rand = n => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff
  return seed % n
}
const doc = (id, gen) => ({
  _id: id,
  id,
  _type: T,
  _rev: `${gen}-${rand(1 << 30).toString(16)}`,
  group: rand(20),
  rank: rand(1000),
  done: rand(2) === 1,
  label: `item ${rand(100000)}`
})
const query = i => {
  switch (i % 4) {
    case 0: return Q(T).where({ group: i % 20 }).sortBy([{ rank: 'asc' }])
    case 1: return Q(T).where({ rank: { $gte: i * 10, $lt: i * 10 + 100 } })
    case 2: return Q(T).where({ done: true, group: { $in: [i % 20, 3] } }).sortBy([{ rank: 'desc' }])
    default: return Q(T).where({ label: { $regex: `^item ${i % 10}` } }).sortBy([{ label: 'asc' }])
  }
}

async function main() {
  const all = []
  for (let i = 0; i < docs; i++) all.push(doc(`d${i}`, 1))
  const link = { request: async () => ({ data: all }), reset: () => {} }
  const client = new CozyClient({ uri: 'http://localhost', token: 't', links: [link] })
  client.ensureStore()
  await client.query(Q(T).limitBy(null), { as: 'all' })
  for (let i = 0; i < queries; i++) {
    await client.query(query(i), { as: `q${i}`, executeFromStore: true })
  }
  const times = []
  for (let warm = 0; warm < 2; warm++) {
    times.length = 0
    for (let r = 0; r < rounds; r++) {
      const changed = doc(`d${rand(docs)}`, 2 + warm * rounds + r)
      const start = process.hrtime.bigint()
      client.store.dispatch(receiveMutationResult(`m${warm}-${r}`, { data: changed }, {}, Mutations.updateDocument(changed)))
      times.push(Number(process.hrtime.bigint() - start) / 1e6)
    }
  }
  times.sort((a, b) => a - b)
  console.log(`cozy-client store: ${docs} docs, ${queries} queries, ${rounds} mutations: median ${times[rounds >> 1].toFixed(3)} ms, p99 ${times[Math.floor(rounds * 0.99)].toFixed(3)} ms`)
}
main().catch(e => { console.error(e); process.exit(1) })

import { createSampleCorridorBill } from '@landsea/core/ebl'
import { buildApp } from '@landsea/server'
import {
  createGuardedFetch,
  createNode,
  seedDemo,
  type Fetch,
  type LandseaNode,
} from '@landsea/node'
import type { FastifyInstance } from 'fastify'
import { mainThreadCpuMs, percentile, round } from './stats.js'

const TRANSFERS = 150
const CONCURRENCY = 8
// Issue #11's target: ≥ 200 envelope transfers/s between two local nodes, signatures verified.
const TARGET_PER_S = 200

/** Routes a node's outbound fetch to the other node's app (Fastify inject: HTTP semantics, no socket). */
function injectFetch(apps: Map<string, FastifyInstance>): Fetch {
  return async (url, init) => {
    const target = new URL(url)
    const res = await apps.get(target.origin)!.inject({
      method: init.method,
      url: target.pathname,
      ...(init.headers ? { headers: init.headers } : {}),
      ...(init.body !== undefined ? { payload: init.body } : {}),
    })
    return { status: res.statusCode, text: async () => res.body }
  }
}

type Transport = 'inject' | 'http'

/**
 * Two nodes (SQLite in memory, one process) that reach each other either by Fastify inject (HTTP
 * semantics, no socket) or over real HTTP on loopback: each app listens on 127.0.0.1 and the node
 * sends with its own guarded client (the operator's loopback allowance), keep-alive as in production.
 */
async function pair(transport: Transport) {
  const apps = new Map<string, FastifyInstance>()
  const nodes: LandseaNode[] = []
  const urls: string[] = []
  for (const [i, code] of (['LSCQ', 'LSSG'] as const).entries()) {
    const node = await createNode({
      inMemory: true,
      fetch: transport === 'http' ? createGuardedFetch({ allowLoopback: true }) : injectFetch(apps),
      platformCode: code,
      checkpointIntervalMs: 0,
    })
    const app = await buildApp({ node })
    const url =
      transport === 'http'
        ? await app.listen({ host: '127.0.0.1', port: 0 })
        : `http://${['cq', 'sg'][i]}.bench`
    nodes.push(node)
    urls.push(url)
    apps.set(new URL(url).origin, app)
  }
  return { apps, nodes, urls }
}

/**
 * PINT envelope transfers between two local nodes (SQLite in memory): each bill has 9 actions on
 * the sender, the transfer adds ENDORSE_TO_ORDER + TRANSFER (11 transactions in the chain entry), and
 * two additional documents travel (our signed entries and an invoice). One transfer is: build and
 * sign the envelope, lock the bill, POST the envelope (the receiver verifies every signature, the
 * schema and the title rules), PUT both documents, finish, and verify the signed RECE.
 */
export async function run(): Promise<void> {
  const rows = []
  for (const transport of ['inject', 'http'] as const) rows.push(...(await measure(transport)))
  console.table(rows)
}

async function measure(transport: Transport) {
  const { apps, nodes, urls } = await pair(transport)
  const [cq, sg] = nodes as [LandseaNode, LandseaNode]
  const seed = (await seedDemo(cq, { withTracking: false }))!
  await seedDemo(sg, { withTracking: false })
  const me = (n: LandseaNode) => n.pint.platform()
  await cq.pint.addPlatform({
    code: 'LSSG',
    name: 'sg',
    url: urls[1]!,
    jwks: (await me(sg)).jwks,
    parties: [],
  })
  await sg.pint.addPlatform({
    code: 'LSCQ',
    name: 'cq',
    url: urls[0]!,
    jwks: (await me(cq)).jwks,
    parties: [],
  })
  const o = seed.organisations
  let serial = 0
  const bill = async () => {
    const record = await cq.registry.createDraft({
      document: createSampleCorridorBill({
        reference: `LSBENCH${String(++serial).padStart(6, '0')}`,
        carrier: o.carrier.id,
        shipper: o.shipper.id,
      }),
      carrier: o.carrier.id,
    })
    const act = (
      actor: string,
      action: 'ISSUE' | 'ENDORSE_TO_ORDER' | 'TRANSFER',
      recipient: string,
    ) => cq.registry.act({ documentId: record.id, actor, action, recipient })
    await act(o.carrier.id, 'ISSUE', o.shipper.id)
    for (let i = 0; i < 2; i++) {
      await act(o.shipper.id, 'ENDORSE_TO_ORDER', o.cnBank.id)
      await act(o.shipper.id, 'TRANSFER', o.cnBank.id)
      await act(o.cnBank.id, 'ENDORSE_TO_ORDER', o.shipper.id)
      await act(o.cnBank.id, 'TRANSFER', o.shipper.id)
    }
    return record.id
  }
  const invoice = new TextEncoder().encode('commercial invoice '.repeat(200))
  const transfer = async (id: string) => {
    const t = await cq.pint.transferOut({
      documentId: id,
      actor: o.shipper.id,
      action: 'ENDORSE_TO_ORDER',
      recipient: {
        platform: 'LSSG',
        codeListProvider: 'ZZZ',
        codeListName: 'UEN',
        partyCode: '201912345R',
      },
      documents: [{ name: 'invoice.txt', mediaType: 'text/plain', content: invoice }],
    })
    if (t.status !== 'TRANSFERRED') throw new Error(`transfer ${t.status}: ${t.lastError}`)
  }
  const bills: string[] = []
  for (let i = 0; i < TRANSFERS * 2 + 10; i++) bills.push(await bill())
  for (let i = 0; i < 10; i++) await transfer(bills.pop()!) // warm-up

  const latencies: number[] = []
  // CPU per transfer (both nodes run in this process): main thread from /proc, and the whole process
  // (with libuv's pool, where WebCrypto signs); unlike transfers/s it holds on a busy machine.
  const cpu = () => ({ main: mainThreadCpuMs() ?? Number.NaN, all: process.cpuUsage() })
  const cpuPer = (from: ReturnType<typeof cpu>) => {
    const all = process.cpuUsage(from.all)
    return {
      'main CPU ms/transfer': round(((mainThreadCpuMs() ?? Number.NaN) - from.main) / TRANSFERS, 2),
      'CPU ms/transfer': round((all.user + all.system) / 1000 / TRANSFERS, 2),
    }
  }
  let cpu0 = cpu()
  let start = performance.now()
  for (let i = 0; i < TRANSFERS; i++) {
    const t0 = performance.now()
    await transfer(bills.pop()!)
    latencies.push(performance.now() - t0)
  }
  const sequential = (TRANSFERS * 1000) / (performance.now() - start)
  const sequentialCpu = cpuPer(cpu0)
  cpu0 = cpu()
  start = performance.now()
  const queue = bills.splice(0, TRANSFERS)
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let id = queue.pop(); id !== undefined; id = queue.pop()) await transfer(id)
    }),
  )
  const concurrent = (TRANSFERS * 1000) / (performance.now() - start)
  const concurrentCpu = cpuPer(cpu0)
  for (const app of apps.values()) await app.close()
  for (const node of nodes) await node.close()
  return [
    {
      case: `PINT transfer, 11 tx/chain, 2 docs, ${transport}, sequential (${TRANSFERS})`,
      'transfers/s': round(sequential, 1),
      'p50 ms': round(percentile(latencies, 50), 2),
      'p99 ms': round(percentile(latencies, 99), 2),
      ...sequentialCpu,
      'target /s': TARGET_PER_S,
    },
    {
      case: `PINT transfer, same, ${transport}, ${CONCURRENCY} at a time (${TRANSFERS})`,
      'transfers/s': round(concurrent, 1),
      'p50 ms': '',
      'p99 ms': '',
      ...concurrentCpu,
      'target /s': TARGET_PER_S,
    },
  ]
}

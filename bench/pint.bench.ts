import { seedDemo, type Fetch, type LandseaNode } from '@landsea/node'
import type { FastifyInstance } from 'fastify'
import { addPeer, benchPintNode, pintWorkload, transferRows } from './pint-workload.js'
import { measureTwoProcesses } from './pint-two-process.js'
import { processCpuMs, round } from './stats.js'

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
    const { node, app } = await benchPintNode(
      code,
      transport === 'http' ? undefined : injectFetch(apps),
    )
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
 * PINT envelope transfers between two local nodes (SQLite in memory), as `pintWorkload` defines one:
 * first both nodes in this process (inject, then real HTTP on loopback), then the receiving node in
 * a process of its own (`pint-two-process.ts`), as in any deployment.
 */
export async function run(): Promise<void> {
  const rows = []
  for (const transport of ['inject', 'http'] as const) rows.push(...(await measure(transport)))
  console.table(rows)
  console.table(await measureTwoProcesses())
}

async function measure(transport: Transport) {
  const { apps, nodes, urls } = await pair(transport)
  const [cq, sg] = nodes as [LandseaNode, LandseaNode]
  const seed = (await seedDemo(cq, { withTracking: false }))!
  await seedDemo(sg, { withTracking: false })
  await addPeer(cq, 'LSSG', urls[1]!, (await sg.pint.platform()).jwks)
  await addPeer(sg, 'LSCQ', urls[0]!, (await cq.pint.platform()).jwks)
  // CPU per transfer (both nodes run in this process): main thread from /proc, and the whole process
  // (with libuv's pool, where WebCrypto signs); unlike transfers/s it holds on a busy machine.
  const rows = await transferRows(pintWorkload(cq, seed), transport, {
    take: async () => processCpuMs(),
    perTransfer: async (from, transfers) => {
      const to = processCpuMs()
      return {
        'main CPU ms/transfer': round((to.main - from.main) / transfers, 2),
        'CPU ms/transfer': round((to.all - from.all) / transfers, 2),
      }
    },
  })
  for (const app of apps.values()) await app.close()
  for (const node of nodes) await node.close()
  return rows
}

import { createSampleCorridorBill } from '@landsea/core/ebl'
import {
  createNode,
  registerPairBasis,
  seedDemo,
  type DemoSeed,
  type Fetch,
  type LandseaNode,
} from '@landsea/node'
import { openTestDatabase, type LandseaDatabase } from '@landsea/storage/testing'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.js'

/** Every PINT message on the wire, to check each one against the PINT 3.0.0 schemas. */
export interface Wire {
  readonly method: string
  readonly path: string
  readonly body: string | undefined
  readonly status: number
  readonly response: string
}

/** Routes the nodes' outbound fetch to each other's app, recording PINT traffic; `down` drops it. */
export function network(
  apps: Map<string, FastifyInstance>,
  wire: Wire[],
  down: Set<string>,
): Fetch {
  return async (url, init) => {
    const target = new URL(url)
    if (down.has(target.origin)) throw new Error(`connect ECONNREFUSED ${target.origin}`)
    const app = apps.get(target.origin)
    if (!app) throw new Error(`no node at ${target.origin}`)
    const res = await app.inject({
      method: init.method,
      url: target.pathname + target.search,
      ...(init.headers ? { headers: init.headers } : {}),
      ...(init.body !== undefined ? { payload: init.body } : {}),
    })
    if (target.pathname.startsWith('/v3/'))
      wire.push({
        method: init.method,
        path: target.pathname,
        body: init.body,
        status: res.statusCode,
        response: res.body,
      })
    return { status: res.statusCode, text: async () => res.body }
  }
}

/** The Singapore demo consignee as the recipient of a transfer to the Singapore node. */
export const consigneeOnSg = {
  platform: 'LSSG',
  codeListProvider: 'ZZZ',
  codeListName: 'UEN',
  partyCode: '201912345R',
}

/** Where the two test nodes answer (routed by {@link network}, never on a real socket). */
export const CQ = 'http://cq.landsea.test'
export const SG = 'http://sg.landsea.test'

/**
 * A Chongqing (LSCQ) and a Singapore (LSSG) node on one kind of test database, each seeded with the
 * demo and reaching the other through `fetch`; their apps are put in `apps` by URL. `databases` are
 * the nodes' own, for tests that read what a node stored.
 */
export async function startPintNodes(
  kind: 'sqlite' | 'postgres',
  apps: Map<string, FastifyInstance>,
  fetch: Fetch,
): Promise<{
  nodes: [LandseaNode, LandseaNode]
  seeds: [DemoSeed, DemoSeed]
  databases: [LandseaDatabase, LandseaDatabase]
}> {
  const nodes: LandseaNode[] = []
  const databases: LandseaDatabase[] = []
  for (const [name, url, code, jurisdiction] of [
    ['Chongqing node', CQ, 'LSCQ', 'CN'],
    ['Singapore node', SG, 'LSSG', 'SG'],
  ] as const) {
    const database = await openTestDatabase(kind)
    databases.push(database)
    const node = await createNode({
      database,
      identity: { name, jurisdiction, publicUrl: url },
      fetch,
      checkpointIntervalMs: 0,
      platformCode: code,
    })
    nodes.push(node)
    apps.set(url, await buildApp({ node }))
  }
  const seeds: DemoSeed[] = []
  for (const node of nodes) seeds.push((await seedDemo(node, { withTracking: false }))!)
  await registerPairBasis(nodes[1]!, 'LSCQ')
  return {
    nodes: nodes as [LandseaNode, LandseaNode],
    seeds: seeds as [DemoSeed, DemoSeed],
    databases: databases as [LandseaDatabase, LandseaDatabase],
  }
}

/** A new bill on the Chongqing node, issued by the carrier to the shipper. */
export async function issueOnChongqing(node: LandseaNode, seed: DemoSeed, reference: string) {
  const o = seed.organisations
  const draft = await node.registry.createDraft({
    document: createSampleCorridorBill({
      reference,
      carrier: o.carrier.id,
      shipper: o.shipper.id,
      partyNames: { carrier: o.carrier.name, shipper: o.shipper.name, consignee: o.consignee.name },
    }),
    carrier: o.carrier.id,
  })
  const { record } = await node.registry.act({
    documentId: draft.id,
    actor: o.carrier.id,
    action: 'ISSUE',
    recipient: o.shipper.id,
  })
  return record
}

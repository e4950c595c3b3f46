import { createSampleCorridorBill } from '@landsea/core/ebl'
import type { PlatformKeys } from '@landsea/core/pint'
import {
  createGuardedTextFetch,
  createNode,
  type DemoSeed,
  type Fetch,
  type LandseaNode,
} from '@landsea/node'
import { buildApp } from '@landsea/server'
import { percentile, round } from './stats.js'

export const TRANSFERS = 150
export const CONCURRENCY = 8
// Issue #11's target: ≥ 200 envelope transfers/s between two local nodes, signatures verified.
export const TARGET_PER_S = 200

/**
 * A bench node of platform `code`: SQLite in memory, no checkpoint timer, its app built; it sends
 * with `fetch`, by default the guarded client it sends to peers with (the operator's loopback
 * allowance).
 */
export async function benchPintNode(
  code: string,
  fetch: Fetch = createGuardedTextFetch({ allowLoopback: true }),
) {
  const node = await createNode({
    inMemory: true,
    fetch,
    platformCode: code,
    checkpointIntervalMs: 0,
  })
  return { node, app: await buildApp({ node }) }
}

/** Registers the platform `code` at `url` with its keys on `node`, serving no listed parties. */
export async function addPeer(node: LandseaNode, code: string, url: string, jwks: PlatformKeys) {
  await node.pint.addPlatform({ code, name: code, url, jwks, parties: [] })
}

/**
 * The bench's transfers from the sending node `cq` to the platform LSSG: each bill has 9 actions
 * on the sender, the transfer adds ENDORSE_TO_ORDER + TRANSFER (11 transactions in the chain
 * entry), and two additional documents travel (our signed entries and an invoice). One transfer
 * is: build and sign the envelope, lock the bill, POST the envelope (the receiver verifies every
 * signature, the schema and the title rules), PUT both documents, finish, and verify the signed
 * RECE.
 */
export function pintWorkload(cq: LandseaNode, seed: DemoSeed) {
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
  return { bill, transfer }
}

/** What a bench row reports as CPU: taken before a timed part, turned into per-transfer figures after. */
export interface CpuProbe<Snapshot> {
  readonly take: () => Promise<Snapshot>
  readonly perTransfer: (from: Snapshot, transfers: number) => Promise<Record<string, number>>
}

/**
 * Prepares bills, transfers ten to warm up, then TRANSFERS one after the other (latency of each)
 * and TRANSFERS more CONCURRENCY at a time; returns the two rows, named after `label`.
 */
export async function transferRows<Snapshot>(
  workload: ReturnType<typeof pintWorkload>,
  label: string,
  cpu: CpuProbe<Snapshot>,
  { latencyAtConcurrency = false } = {},
) {
  const { bill, transfer } = workload
  const bills: string[] = []
  for (let i = 0; i < TRANSFERS * 2 + 10; i++) bills.push(await bill())
  for (let i = 0; i < 10; i++) await transfer(bills.pop()!) // warm-up

  const latencies: number[] = []
  let cpu0 = await cpu.take()
  let start = performance.now()
  for (let i = 0; i < TRANSFERS; i++) {
    const t0 = performance.now()
    await transfer(bills.pop()!)
    latencies.push(performance.now() - t0)
  }
  const sequential = (TRANSFERS * 1000) / (performance.now() - start)
  const sequentialCpu = await cpu.perTransfer(cpu0, TRANSFERS)
  cpu0 = await cpu.take()
  start = performance.now()
  const queue = bills.splice(0, TRANSFERS)
  const concurrentLatencies: number[] = []
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
        const t0 = performance.now()
        await transfer(id)
        concurrentLatencies.push(performance.now() - t0)
      }
    }),
  )
  const concurrent = (TRANSFERS * 1000) / (performance.now() - start)
  const concurrentCpu = await cpu.perTransfer(cpu0, TRANSFERS)
  return [
    {
      case: `PINT transfer, 11 tx/chain, 2 docs, ${label}, sequential (${TRANSFERS})`,
      'transfers/s': round(sequential, 1),
      'p50 ms': round(percentile(latencies, 50), 2),
      'p99 ms': round(percentile(latencies, 99), 2),
      ...sequentialCpu,
      'target /s': TARGET_PER_S,
    },
    {
      case: `PINT transfer, same, ${label}, ${CONCURRENCY} at a time (${TRANSFERS})`,
      'transfers/s': round(concurrent, 1),
      'p50 ms': latencyAtConcurrency ? round(percentile(concurrentLatencies, 50), 2) : '',
      'p99 ms': latencyAtConcurrency ? round(percentile(concurrentLatencies, 99), 2) : '',
      ...concurrentCpu,
      'target /s': TARGET_PER_S,
    },
  ]
}

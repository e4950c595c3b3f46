import {
  computeDocumentChecksum,
  computeEntryChecksum,
  createNonce,
  signActionEntry,
  type ActionEntryPayload,
} from '@landsea/core/ebl'
import { createSampleCorridorBill } from '@landsea/core/ebl'
import { buildApp, createNode, seedDemo, type LandseaNode } from '@landsea/server'
import { createDatabase } from '@landsea/storage'
import { openTestDatabase } from '@landsea/storage/testing'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { mainThreadCpuMs, percentile, round } from './stats.js'

const BILLS = 40
const ACTIONS_PER_BILL = 50
const CONCURRENCY = 16

/**
 * Title actions per second through buildApp over real HTTP (loopback), with every signature verified by the
 * node: each bill's chain of pre-signed TRANSFERs (a bearer bill passed between two banks) is prepared before
 * the clock starts; bills run concurrently, each bill's actions in order.
 */
export async function run(): Promise<void> {
  const rows = []
  for (const kind of [
    'sqlite',
    ...(process.env.DATABASE_URL ? ['postgres' as const] : []),
  ] as const) {
    // SQLite on a file in WAL mode, as a node runs (`:memory:` would skip the log writes).
    const dir = kind === 'sqlite' ? mkdtempSync(join(tmpdir(), 'landsea-bench-')) : undefined
    const database = dir
      ? await createDatabase({ file: join(dir, 'landsea.sqlite') })
      : await openTestDatabase(kind)
    const node = await createNode({ database })
    const seed = (await seedDemo(node, { withTracking: false }))!
    const app = await buildApp({ node })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    try {
      const plans = await prepare(node, seed)
      const cpu0 = mainThreadCpuMs()
      const worker = new Worker(new URL('./http-load-worker.mjs', import.meta.url), {
        workerData: { base, plans, concurrency: CONCURRENCY },
      })
      const { latencies, failures, seconds } = await new Promise<{
        latencies: number[]
        failures: number
        seconds: number
      }>((resolve, reject) => {
        worker.once('message', resolve)
        worker.once('error', reject)
      })
      const cpu1 = mainThreadCpuMs()
      if (failures > 0) throw new Error(`${failures} actions were refused`)
      rows.push({
        database: kind,
        actions: latencies.length,
        concurrency: CONCURRENCY,
        'actions/s': round(latencies.length / seconds, 0),
        'p50 ms': round(percentile(latencies, 50), 2),
        'p99 ms': round(percentile(latencies, 99), 2),
        'server CPU ms/action':
          cpu0 === undefined || cpu1 === undefined
            ? 'n/a'
            : round((cpu1 - cpu0) / latencies.length, 3),
        commits:
          kind === 'sqlite'
            ? `WAL, synchronous=${process.env.LANDSEA_SQLITE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL'}`
            : 'synchronous_commit=on',
        'signatures verified': 'yes (node verifies each JWS)',
      })
    } finally {
      await app.close()
      await node.close()
      if (dir) rmSync(dir, { recursive: true, force: true })
    }
  }
  console.table(rows)
}

async function prepare(node: LandseaNode, seed: NonNullable<Awaited<ReturnType<typeof seedDemo>>>) {
  const o = seed.organisations
  const keys = {
    cnBank: (await node.organisations.getCustodialKey(o.cnBank.id))!,
    sgBank: (await node.organisations.getCustodialKey(o.sgBank.id))!,
  }
  const plans = []
  for (let b = 0; b < BILLS; b++) {
    const draft = await node.registry.createDraft({
      document: createSampleCorridorBill({
        reference: `BENCH${String(b).padStart(6, '0')}`,
        carrier: o.carrier.id,
        shipper: o.shipper.id,
      }),
      carrier: o.carrier.id,
    })
    await node.registry.act({
      documentId: draft.id,
      actor: o.carrier.id,
      action: 'ISSUE',
      recipient: o.shipper.id,
    })
    await node.registry.act({ documentId: draft.id, actor: o.shipper.id, action: 'BLANK_ENDORSE' })
    const { record } = await node.registry.act({
      documentId: draft.id,
      actor: o.shipper.id,
      action: 'TRANSFER',
      recipient: o.cnBank.id,
    })
    let previous = record.lastEntryChecksum
    const documentChecksum = computeDocumentChecksum(record.document)
    const steps = []
    for (let i = 0; i < ACTIONS_PER_BILL; i++) {
      const from = i % 2 === 0 ? 'cnBank' : 'sgBank'
      const to = i % 2 === 0 ? 'sgBank' : 'cnBank'
      const payload: ActionEntryPayload = {
        documentChecksum,
        previousEntryChecksum: previous,
        action: 'TRANSFER',
        actor: o[from].id,
        recipient: o[to].id,
        at: new Date().toISOString(),
        nonce: createNonce(),
      }
      const jws = await signActionEntry({ payload, organisationId: o[from].id, key: keys[from] })
      previous = computeEntryChecksum(jws)
      steps.push({ jws, apiKey: o[from].apiKey })
    }
    plans.push({ id: record.id, steps })
  }
  return plans
}

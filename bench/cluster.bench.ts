import type { ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSampleCorridorBill } from '@landsea/core/ebl'
import { createNode, seedDemo, type DemoSeed } from '@landsea/node'
import { createFreshPostgresDatabase } from '@landsea/storage/testing'
import {
  compileFixture,
  killChild,
  startChild,
} from '../packages/server/test/fixtures/compiled-child.js'
import { percentile, round } from './stats.js'

// Title actions per second with 1, 2 and 4 node processes on one PostgreSQL database (docs/deploy.md):
// CONCURRENCY clients, each moving its own bill (TRANSFER between two banks), spread over the
// processes round-robin, for SECONDS each.
const PROCESSES = [1, 2, 4]
const CONCURRENCY = 32
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6)

/** Bills held by the CN bank, blank-endorsed, ready to move between the banks. */
async function prepareBills(databaseUrl: string, dataDir: string, count: number) {
  const node = await createNode({ databaseUrl, dataDir })
  const seed = (await seedDemo(node, { withTracking: false }))!
  const o = seed.organisations
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const draft = await node.registry.createDraft({
      document: createSampleCorridorBill({
        reference: `CLB${String(i).padStart(6, '0')}`,
        carrier: o.carrier.id,
        shipper: o.shipper.id,
      }),
      carrier: o.carrier.id,
    })
    const act = (
      actor: string,
      action: 'ISSUE' | 'BLANK_ENDORSE' | 'TRANSFER',
      recipient?: string,
    ) =>
      node.registry.act({
        documentId: draft.id,
        actor,
        action,
        ...(recipient ? { recipient } : {}),
      })
    await act(o.carrier.id, 'ISSUE', o.shipper.id)
    await act(o.shipper.id, 'BLANK_ENDORSE')
    await act(o.shipper.id, 'TRANSFER', o.cnBank.id)
    ids.push(draft.id)
  }
  await node.close()
  return { seed, ids }
}

async function load(urls: readonly string[], seed: DemoSeed, ids: readonly string[]) {
  const o = seed.organisations
  const latencies: number[] = []
  let failures = 0
  const until = performance.now() + SECONDS * 1000
  const start = performance.now()
  await Promise.all(
    ids.map(async (id, client) => {
      let holder: 'cnBank' | 'sgBank' = 'cnBank'
      let n = client
      while (performance.now() < until) {
        const to: 'cnBank' | 'sgBank' = holder === 'cnBank' ? 'sgBank' : 'cnBank'
        const t0 = performance.now()
        const res = await fetch(`${urls[n++ % urls.length]}/api/ebl/${id}/actions`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${o[holder].apiKey}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ action: 'TRANSFER', recipient: o[to].id }),
        })
        await res.arrayBuffer()
        if (res.status === 201) {
          latencies.push(performance.now() - t0)
          holder = to
        } else failures++
      }
    }),
  )
  return { latencies, failures, seconds: (performance.now() - start) / 1000 }
}

export async function run(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    console.log('skipped: a cluster needs PostgreSQL (set DATABASE_URL)')
    return
  }
  // Node processes compiled as the CLI is (no tsx), from the kill and cluster tests' fixture.
  const script = compileFixture('child-node.ts')
  const rows = []
  for (const processes of PROCESSES) {
    const database = await createFreshPostgresDatabase('landsea_cluster_bench')
    const dataDir = mkdtempSync(join(tmpdir(), 'landsea-cluster-bench-'))
    const children: ChildProcess[] = []
    try {
      const { seed, ids } = await prepareBills(database.url, dataDir, CONCURRENCY + 4)
      const started = await Promise.all(
        Array.from({ length: processes }, () =>
          startChild(script, { CHILD_DATA_DIR: dataDir, CHILD_DATABASE_URL: database.url }),
        ),
      )
      children.push(...started.map((s) => s.child))
      const urls = started.map((s) => s.url)
      // Warm-up on bills of its own: a bill it moved would start the timed run at another holder.
      await load(urls, seed, ids.slice(CONCURRENCY))
      const result = await load(urls, seed, ids.slice(0, CONCURRENCY))
      rows.push({
        processes,
        clients: CONCURRENCY,
        'actions/s': round(result.latencies.length / result.seconds),
        'p50 ms': round(percentile(result.latencies, 50)),
        'p99 ms': round(percentile(result.latencies, 99)),
        'non-201': result.failures,
      })
    } finally {
      await Promise.all(children.map(killChild))
      await database.drop()
    }
  }
  console.table(rows)
  console.log(
    `cores: ${(await import('node:os')).availableParallelism()} (shared with the load generator and PostgreSQL). ` +
      'Every action appends under the one ledger_head row lock: that row is the ceiling.',
  )
}

import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { verifyBundle } from '@landsea/core/verify'
import { createFreshPostgresDatabase } from '@landsea/storage/testing'
import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { compileFixture, killChild, startChild } from './fixtures/compiled-child.js'

// Issue 15: three processes started at the same instant on an empty PostgreSQL database, twenty
// times (LANDSEA_CLUSTER_ROUNDS sets the rounds).
const ROUNDS = Number(process.env.LANDSEA_CLUSTER_ROUNDS ?? 20)
const PROCESSES = 3

describe.runIf(process.env.DATABASE_URL)('several processes on one PostgreSQL database', () => {
  let script: string
  beforeAll(() => {
    script = compileFixture('child-node.ts')
  }, 120_000)

  it(
    `start at once on an empty database with one set of keys and one seed (${ROUNDS} rounds)`,
    async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const fresh = await createFreshPostgresDatabase('landsea_cluster')
        // One machine's data folder: the processes share its key-encryption key.
        const env = {
          CHILD_DATA_DIR: mkdtempSync(join(tmpdir(), 'landsea-cluster-')),
          CHILD_DATABASE_URL: fresh.url,
        }
        const settled = await Promise.allSettled(
          Array.from({ length: PROCESSES }, () => startChild(script, env)),
        )
        const children = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
        try {
          expect(children.length, `round ${round}: every process started`).toBe(PROCESSES)
          const seeds = children.flatMap((c) => (c.seed ? [c.seed] : []))
          expect(seeds.length, `round ${round}: exactly one process seeded the demo`).toBe(1)
          const seed = seeds[0]!
          const keys = await Promise.all(
            children.map(async (c) => (await fetch(`${c.url}/api/ledger/keys`)).json()),
          )
          for (const k of keys) expect(k).toEqual(keys[0])
          const db = new pg.Client({ connectionString: fresh.url })
          await db.connect()
          const organisations = (await db.query('select count(*)::int as n from organisations'))
            .rows[0].n
          await db.end()
          expect(organisations).toBe(Object.keys(seed.organisations).length)
          // Every process signs checkpoints with the one log key: each one's bundle verifies.
          const bill = seed.bills[0]!
          for (const c of children) {
            const res = await fetch(`${c.url}/api/ebl/${bill.id}/bundle`, {
              headers: { authorization: `Bearer ${seed.organisations.carrier.apiKey}` },
            })
            expect(res.status).toBe(200)
            const verified = await verifyBundle(await res.text(), { witnessQuorum: 0 })
            expect(verified.firstFailure, c.url).toBeUndefined()
          }
        } finally {
          await Promise.all(children.map((c) => killChild(c.child)))
          await fresh.drop()
        }
      }
    },
    60_000 + ROUNDS * 60_000,
  )
})

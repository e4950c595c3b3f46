import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { verifyBundle } from '@landsea/core/verify'
import type { DemoSeed } from '@landsea/node'
import pg from 'pg'
import { describe, expect, it } from 'vitest'

// CI runs a few rounds; LANDSEA_CLUSTER_ROUNDS=20 runs the twenty.
const ROUNDS = Number(process.env.LANDSEA_CLUSTER_ROUNDS ?? 2)
const PROCESSES = 3

interface Child {
  readonly child: ChildProcess
  readonly url: string
  readonly seed: DemoSeed | undefined
}

function startChild(databaseUrl: string, dataDir: string): Promise<Child> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fixtures/child-node.ts')],
    {
      env: {
        ...process.env,
        // One machine's data folder: the processes share its key-encryption key.
        CHILD_DATA_DIR: dataDir,
        CHILD_DATABASE_URL: databaseUrl,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  return new Promise((resolve, reject) => {
    let buffered = ''
    child.stdout!.on('data', (chunk) => {
      buffered += String(chunk)
      const end = buffered.indexOf('\n')
      if (end < 0) return
      const { url, seed } = JSON.parse(buffered.slice(0, end)) as { url: string; seed?: DemoSeed }
      resolve({ child, url, seed })
    })
    child.once('exit', (code) => reject(new Error(`child exited ${code} before serving`)))
  })
}

async function withAdmin<T>(run: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await admin.connect()
  try {
    return await run(admin)
  } finally {
    await admin.end()
  }
}

describe.runIf(process.env.DATABASE_URL)('several processes on one PostgreSQL database', () => {
  it(`start at once on an empty database with one set of keys and one seed (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const name = `landsea_cluster_${randomBytes(5).toString('hex')}`
      await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`))
      const url = new URL(process.env.DATABASE_URL!)
      url.pathname = `/${name}`
      const dataDir = mkdtempSync(join(tmpdir(), 'landsea-cluster-'))
      const settled = await Promise.allSettled(
        Array.from({ length: PROCESSES }, () => startChild(url.toString(), dataDir)),
      )
      const children = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
      try {
        expect(children.length, 'every process started').toBe(PROCESSES)
        const seeds = children.flatMap((c) => (c.seed ? [c.seed] : []))
        expect(seeds.length, 'exactly one process seeded the demo').toBe(1)
        const seed = seeds[0]!
        const keys = await Promise.all(
          children.map(async (c) => (await fetch(`${c.url}/api/ledger/keys`)).json()),
        )
        for (const k of keys) expect(k).toEqual(keys[0])
        const db = new pg.Client({ connectionString: url.toString() })
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
        for (const s of settled) if (s.status === 'fulfilled') s.value.child.kill('SIGKILL')
        await Promise.all(
          children.map(
            (c) =>
              new Promise((resolve) =>
                c.child.exitCode !== null || c.child.signalCode !== null
                  ? resolve(undefined)
                  : c.child.once('exit', resolve),
              ),
          ),
        )
        await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
      }
    }
  }, 300_000)
})

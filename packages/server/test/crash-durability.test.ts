import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSampleCorridorBill } from '@landsea/core/ebl'
import { verifyBundle } from '@landsea/core/verify'
import { TEST_DATABASES } from '@landsea/storage/testing'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { createNode, exportBundle, type DemoSeed } from '@landsea/node'

async function startChild(env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fixtures/child-node.ts')],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const line = await new Promise<string>((resolve, reject) => {
    let buffered = ''
    child.stdout.on('data', (chunk) => {
      buffered += String(chunk)
      const end = buffered.indexOf('\n')
      if (end >= 0) resolve(buffered.slice(0, end))
    })
    child.once('exit', (code) => reject(new Error(`child exited ${code}`)))
  })
  const { url, seed } = JSON.parse(line) as { url: string; seed: DemoSeed }
  return { child, url, seed }
}

describe('a killed node loses no acknowledged action', () => {
  for (const kind of TEST_DATABASES) {
    it(`[${kind}] keeps every acknowledged action and a consistent chain after SIGKILL`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'landsea-kill-'))
      let databaseUrl: string | undefined
      if (kind === 'postgres') {
        const name = `landsea_kill_${randomBytes(5).toString('hex')}`
        const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
        await admin.connect()
        await admin.query(`CREATE DATABASE ${name}`)
        await admin.end()
        const url = new URL(process.env.DATABASE_URL!)
        url.pathname = `/${name}`
        databaseUrl = url.toString()
      }
      const { child, url, seed } = await startChild({
        CHILD_DATA_DIR: dataDir,
        ...(databaseUrl ? { CHILD_DATABASE_URL: databaseUrl } : {}),
      })
      const o = seed.organisations
      const call = async (role: keyof DemoSeed['organisations'], path: string, body: unknown) => {
        const res = await fetch(`${url}${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${o[role].apiKey}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify(body),
        })
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test reads response JSON
        return { status: res.status, body: (await res.json()) as any }
      }
      const document = createSampleCorridorBill({
        reference: 'KILLTEST1',
        carrier: o.carrier.id,
        shipper: o.shipper.id,
      })
      const id = (await call('carrier', '/api/ebl', { document })).body.id
      await call('carrier', `/api/ebl/${id}/issue`, { recipient: o.shipper.id })
      await call('shipper', `/api/ebl/${id}/actions`, { action: 'BLANK_ENDORSE' })
      await call('shipper', `/api/ebl/${id}/actions`, {
        action: 'TRANSFER',
        recipient: o.cnBank.id,
      })

      const acknowledged: string[] = []
      let holder: 'cnBank' | 'sgBank' = 'cnBank'
      const killAfter = 40
      try {
        for (let i = 0; i < 200; i++) {
          if (acknowledged.length === killAfter) {
            // Kill with a request in flight.
            const inFlight = call(holder, `/api/ebl/${id}/actions`, {
              action: 'TRANSFER',
              recipient: o[holder === 'cnBank' ? 'sgBank' : 'cnBank'].id,
            }).catch(() => undefined)
            child.kill('SIGKILL')
            const last = await inFlight
            if (last?.status === 201) acknowledged.push(last.body.entry.entryChecksum)
            break
          }
          const to: 'cnBank' | 'sgBank' = holder === 'cnBank' ? 'sgBank' : 'cnBank'
          const res = await call(holder, `/api/ebl/${id}/actions`, {
            action: 'TRANSFER',
            recipient: o[to].id,
          })
          expect(res.status).toBe(201)
          acknowledged.push(res.body.entry.entryChecksum)
          holder = to
        }
      } finally {
        child.kill('SIGKILL')
        await new Promise((resolve) =>
          // A killed child has signalCode set and exitCode null; its 'exit' may already have fired.
          child.exitCode !== null || child.signalCode !== null
            ? resolve(undefined)
            : child.once('exit', resolve),
        )
      }

      const node = await createNode({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) })
      try {
        const history = await node.registry.history(id)
        const stored = new Set(history.map((e) => e.entryChecksum))
        for (const checksum of acknowledged) expect(stored.has(checksum)).toBe(true)
        const record = await node.registry.get(id)
        expect(record.state.sequence).toBe(history.length)
        expect(record.lastEntryChecksum).toBe(history.at(-1)?.entryChecksum)
        // The surviving chain verifies as an outside verifier checks it: signatures, links, title
        // rules, and every action's leaf in the log.
        const bundle = await exportBundle({
          documentId: id,
          registry: node.registry,
          organisations: node.organisations,
          ledger: node.ledger,
        })
        const verified = await verifyBundle(bundle, { witnessQuorum: 0 })
        expect(verified.firstFailure).toBeUndefined()
        expect(verified.title).toEqual({
          status: record.state.status,
          possessor: record.state.possessor,
          holder: record.state.holder,
          actions: record.state.sequence,
        })
      } finally {
        await node.close()
        if (databaseUrl) {
          const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
          await admin.connect()
          await admin.query(
            `DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`,
          )
          await admin.end()
        }
      }
    })
  }
})

import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSampleCorridorBill } from '@landsea/core/ebl'
import { simulateCorridor } from '@landsea/core/simulation'
import { verifyBundle } from '@landsea/core/verify'
import { createFreshPostgresDatabase, TEST_DATABASES } from '@landsea/storage/testing'
import { beforeAll, describe, expect, it } from 'vitest'
import { createNode, exportBundle, type DemoSeed } from '@landsea/node'
import { compileFixture, killChild, startChild, type ChildNode } from './fixtures/compiled-child.js'

// The CI-size kill -9 loop of issue 15: ROUNDS times a real node process under load (title
// actions and event batches over HTTP), SIGKILL with requests in flight, restart; after each
// restart every acknowledged action is in its bill's chain and every bill's bundle verifies, and
// at the end every acknowledged event is stored. LANDSEA_KILL_ROUNDS sets the rounds.
const ROUNDS = Number(process.env.LANDSEA_KILL_ROUNDS ?? 20)
const LOAD_MS = 700
const BILLS = 4
const BATCH = 20

type Bank = 'cnBank' | 'sgBank'
const other = (bank: Bank): Bank => (bank === 'cnBank' ? 'sgBank' : 'cnBank')

// Events of shipments booked 60 to 30 days ago: valid, and each ID new to the node.
const NOW = Date.now()
const EVENTS = simulateCorridor({
  seed: 15,
  fromMs: NOW - 60 * 86_400_000,
  toMs: NOW - 30 * 86_400_000,
  shipmentsPerDay: 12,
  nowMs: NOW,
}).shipments.flatMap((s) => s.events)

describe('kill -9 under load, restarted, loses nothing acknowledged', () => {
  let script: string
  beforeAll(() => {
    script = compileFixture('child-node.ts')
  }, 120_000)

  for (const kind of TEST_DATABASES) {
    it(
      `[${kind}] ${ROUNDS} rounds: every acknowledged action and event kept, every bundle verifies`,
      async () => {
        const dataDir = mkdtempSync(join(tmpdir(), 'landsea-kill-'))
        const fresh =
          kind === 'postgres' ? await createFreshPostgresDatabase('landsea_kill') : undefined
        const env = { CHILD_DATA_DIR: dataDir, ...(fresh ? { CHILD_DATABASE_URL: fresh.url } : {}) }
        let running: ChildNode | undefined
        try {
          running = await startChild(script, env)
          const seed = running.seed!
          const o = seed.organisations
          const post = async (
            url: string,
            role: keyof DemoSeed['organisations'],
            path: string,
            body: unknown,
          ) => {
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
          const get = async (url: string, path: string) => {
            const res = await fetch(`${url}${path}`, {
              headers: { authorization: `Bearer ${o.cnBank.apiKey}` },
            })
            expect(res.status, path).toBe(200)
            return res.text()
          }
          // Bills held by the CN bank, blank-endorsed, moved between the banks by the load.
          const bills: string[] = []
          for (let b = 0; b < BILLS; b++) {
            const document = createSampleCorridorBill({
              reference: `KILL${kind.toUpperCase()}${b}`,
              carrier: o.carrier.id,
              shipper: o.shipper.id,
            })
            const id = (await post(running.url, 'carrier', '/api/ebl', { document })).body.id
            await post(running.url, 'carrier', `/api/ebl/${id}/issue`, { recipient: o.shipper.id })
            await post(running.url, 'shipper', `/api/ebl/${id}/actions`, {
              action: 'BLANK_ENDORSE',
            })
            await post(running.url, 'shipper', `/api/ebl/${id}/actions`, {
              action: 'TRANSFER',
              recipient: o.cnBank.id,
            })
            bills.push(id)
          }
          const acknowledged = new Map<string, string[]>(bills.map((id) => [id, []]))
          const eventsAcknowledged = new Set<string>()
          let nextEvent = 0
          let actions = 0

          /** After a restart: every acknowledged action in its chain, every bundle verifies. */
          const check = async (url: string) => {
            for (const id of bills) {
              const { entries } = JSON.parse(await get(url, `/api/ebl/${id}/history`)) as {
                entries: { entryChecksum: string }[]
              }
              const stored = new Set(entries.map((e) => e.entryChecksum))
              for (const checksum of acknowledged.get(id)!) expect(stored.has(checksum)).toBe(true)
              const verified = await verifyBundle(await get(url, `/api/ebl/${id}/bundle`), {
                witnessQuorum: 0,
              })
              expect(verified.firstFailure, id).toBeUndefined()
            }
          }

          for (let round = 0; round < ROUNDS; round++) {
            if (round > 0) {
              running = await startChild(script, env)
              await check(running.url)
            }
            const { url } = running
            // Who holds each bill now: an action in flight at the kill may or may not have committed.
            const holders = await Promise.all(
              bills.map(async (id) => {
                const record = JSON.parse(await get(url, `/api/ebl/${id}`)) as {
                  state: { possessor: string }
                }
                return record.state.possessor === o.cnBank.id ? 'cnBank' : ('sgBank' as Bank)
              }),
            )
            const until = performance.now() + LOAD_MS
            const movers = bills.map(async (id, b) => {
              while (performance.now() < until) {
                const res = await post(url, holders[b]!, `/api/ebl/${id}/actions`, {
                  action: 'TRANSFER',
                  recipient: o[other(holders[b]!)].id,
                })
                expect(res.status, JSON.stringify(res.body)).toBe(201)
                acknowledged.get(id)!.push(res.body.entry.entryChecksum)
                holders[b] = other(holders[b]!)
                actions++
              }
            })
            const ingest = (async () => {
              while (performance.now() < until && nextEvent < EVENTS.length) {
                // A batch in flight at the last kill is sent again: its events are new or repeats.
                const batch = EVENTS.slice(nextEvent, nextEvent + BATCH)
                const res = await post(url, 'carrier', '/api/events', batch)
                expect(res.status).toBe(200)
                expect(res.body.rejected).toEqual([])
                for (const e of res.body.acceptedEvents) eventsAcknowledged.add(e.eventID)
                for (const id of res.body.duplicates) eventsAcknowledged.add(id)
                nextEvent += BATCH
              }
            })()
            await Promise.all([...movers, ingest])
            // Killed with a request in flight on every bill and a batch of events.
            const inFlight = [
              ...bills.map((id, b) =>
                post(url, holders[b]!, `/api/ebl/${id}/actions`, {
                  action: 'TRANSFER',
                  recipient: o[other(holders[b]!)].id,
                }).then(
                  (res) =>
                    res.status === 201 && acknowledged.get(id)!.push(res.body.entry.entryChecksum),
                  () => undefined,
                ),
              ),
              post(url, 'carrier', '/api/events', EVENTS.slice(nextEvent, nextEvent + BATCH)).catch(
                () => undefined,
              ),
            ]
            await new Promise((resolve) => setTimeout(resolve, 5))
            await killChild(running.child)
            await Promise.all(inFlight)
          }
          // Each round moved every bill and stored at least one batch before the kill.
          expect(actions).toBeGreaterThanOrEqual(ROUNDS * BILLS)
          expect(eventsAcknowledged.size).toBeGreaterThanOrEqual(ROUNDS * BATCH)

          // Last, in this process: the events, and the chains and bundles once more.
          const node = await createNode({ dataDir, ...(fresh ? { databaseUrl: fresh.url } : {}) })
          try {
            for (const eventID of eventsAcknowledged)
              expect(await node.tracking.events.getEvent(eventID), eventID).toBeDefined()
            for (const id of bills) {
              const history = await node.registry.history(id)
              const record = await node.registry.get(id)
              expect(record.state.sequence).toBe(history.length)
              expect(record.lastEntryChecksum).toBe(history.at(-1)?.entryChecksum)
              const bundle = await exportBundle({
                documentId: id,
                registry: node.registry,
                organisations: node.organisations,
                ledger: node.ledger,
              })
              const verified = await verifyBundle(bundle, { witnessQuorum: 0 })
              expect(verified.firstFailure).toBeUndefined()
            }
          } finally {
            await node.close()
          }
        } finally {
          if (running) await killChild(running.child)
          await fresh?.drop()
        }
      },
      60_000 + ROUNDS * 60_000,
    )
  }
})

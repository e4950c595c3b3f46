import { mkdtempSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSampleCorridorBill } from '@landsea/core/ebl'
import { createFreshPostgresDatabase, TEST_DATABASES } from '@landsea/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode, seedDemo, type LandseaNode } from '../src/index.js'
import type { Fetch } from '../src/ledger/witness-client.js'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('background jobs leased across node instances on one database', () => {
  // A peer's witness that is down (503): every cosignature request the nodes make reaches it.
  let peer: Server
  let peerUrl: string
  beforeAll(async () => {
    peer = createServer((_req, res) => res.writeHead(503).end('down'))
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve))
    const address = peer.address()
    peerUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  })
  afterAll(() => new Promise((resolve) => peer.close(resolve)))

  for (const kind of TEST_DATABASES) {
    it(`[${kind}] one instance publishes each checkpoint and asks the witnesses; another takes over when it stops`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'landsea-leases-'))
      const fresh = kind === 'postgres' ? await createFreshPostgresDatabase() : undefined
      const calls: number[] = [0, 0, 0]
      const nodes: LandseaNode[] = []
      try {
        for (let i = 0; i < 3; i++) {
          // Each instance's witness requests, counted, then sent for real.
          const counted: Fetch = (url, init) => {
            calls[i]!++
            return fetch(url, init)
          }
          nodes.push(
            await createNode({
              dataDir,
              ...(fresh ? { databaseUrl: fresh.url } : {}),
              checkpointIntervalMs: 25,
              fetch: counted,
            }),
          )
        }
        const first = nodes[0]!
        const o = (await seedDemo(first, { withTracking: false }))!.organisations
        const peerLog = await createNode({ inMemory: true, checkpointIntervalMs: 0 })
        await first.ledger.addPeer({ url: `${peerUrl}/api/witness`, ...peerLog.ledger.keys })
        await peerLog.close()
        const draft = await first.registry.createDraft({
          document: createSampleCorridorBill({
            reference: 'LEASE0001',
            carrier: o.carrier.id,
            shipper: o.shipper.id,
          }),
          carrier: o.carrier.id,
        })
        await first.registry.act({
          documentId: draft.id,
          actor: o.carrier.id,
          action: 'ISSUE',
          recipient: o.shipper.id,
        })
        const published = async (size: number) => {
          for (let i = 0; i < 400; i++) {
            if ((await first.ledger.latestCheckpoint())?.treeSize === size) return
            await pause(25)
          }
          throw new Error(`no checkpoint of size ${size}`)
        }
        for (const node of nodes) node.start()
        await published(await first.ledger.treeSize())
        // Many more ticks of every instance: still only the leaseholder has asked the witness.
        await pause(500)
        const holder = calls.findIndex((n) => n > 0)
        expect(calls.filter((n) => n > 0)).toHaveLength(1)
        expect(calls[holder]).toBeGreaterThan(0)

        // The holder stops (gives the lease up): another instance publishes the next checkpoint.
        await nodes[holder]!.stop()
        const before = [...calls]
        const next = nodes.find((_, i) => i !== holder)!
        await next.registry.act({
          documentId: draft.id,
          actor: o.shipper.id,
          action: 'BLANK_ENDORSE',
        })
        await published(await first.ledger.treeSize())
        await pause(500)
        const grew = calls.flatMap((n, i) => (n > before[i]! ? [i] : []))
        expect(grew).toHaveLength(1)
        expect(grew[0]).not.toBe(holder)
      } finally {
        for (const node of nodes) await node.close()
        await fresh?.drop()
      }
    }, 60_000)
  }
})

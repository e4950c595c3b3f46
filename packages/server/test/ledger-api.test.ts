import { initEd25519Verifier } from '@landsea/core/crypto'
import {
  createMemoryLedger,
  formatAddCheckpointRequest,
  parseNote,
  signCheckpoint,
  verifyConsistencyProof,
} from '@landsea/core/ledger'
import { verifyBundle } from '@landsea/core/verify'
import { fromBase64 } from '@landsea/core/crypto'
import { openTestDatabase, TEST_DATABASES } from '@landsea/storage/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { seedDemo, type DemoSeed } from '@landsea/node'
import type { Fetch } from '@landsea/node'
import { createNode, type LandseaNode } from '@landsea/node'
import { as } from './test-node.js'

/** Routes "network" requests to the apps of the nodes under test, by origin. */
function injectFetch(apps: Map<string, FastifyInstance>): Fetch {
  return async (url, init) => {
    const target = new URL(url)
    const app = apps.get(target.origin)
    if (!app) throw new Error(`no node at ${target.origin}`)
    const res = await app.inject({
      method: init.method,
      url: target.pathname + target.search,
      ...(init.headers ? { headers: init.headers } : {}),
      ...(init.body !== undefined ? { payload: init.body } : {}),
    })
    return { status: res.statusCode, text: async () => res.body }
  }
}

for (const kind of TEST_DATABASES) {
  describe(`ledger over HTTP, Chongqing and Singapore witnessing each other [${kind}]`, () => {
    const apps = new Map<string, FastifyInstance>()
    const nodes: LandseaNode[] = []
    let cq: FastifyInstance
    let sg: FastifyInstance
    let seed: DemoSeed

    beforeAll(async () => {
      await initEd25519Verifier()
      const fetch = injectFetch(apps)
      for (const [name, url] of [
        ['Chongqing node', 'http://cq.landsea.test'],
        ['Singapore node', 'http://sg.landsea.test'],
      ] as const) {
        const node = await createNode({
          database: await openTestDatabase(kind),
          identity: { name, jurisdiction: name.startsWith('C') ? 'CN' : 'SG', publicUrl: url },
          fetch,
          checkpointIntervalMs: 0,
        })
        nodes.push(node)
        apps.set(url, await buildApp({ node }))
      }
      cq = apps.get('http://cq.landsea.test')!
      sg = apps.get('http://sg.landsea.test')!
      seed = (await seedDemo(nodes[0]!, { withTracking: false }))!
      const sgSeed = (await seedDemo(nodes[1]!, { withTracking: false }))!
      for (const [app, peer, s] of [
        [cq, 'http://sg.landsea.test', seed],
        [sg, 'http://cq.landsea.test', sgSeed],
      ] as const) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/ledger/peers',
          headers: as(s, 'operator'),
          payload: { url: peer },
        })
        expect(res.statusCode, res.body).toBe(201)
      }
    })

    afterAll(async () => {
      for (const app of apps.values()) await app.close()
      for (const node of nodes) await node.close()
    })

    it('logs every accepted action as a leaf', async () => {
      const size = await nodes[0]!.ledger.store.treeSize()
      const actions = (
        await Promise.all(seed.bills.map((b) => nodes[0]!.registry.history(b.id)))
      ).flat()
      expect(size).toBe(actions.length)
    })

    it('exports a bundle that verifies offline, cosigned by the other node', async () => {
      const delivered = seed.bills.find((b) => b.stage.startsWith('delivered'))!
      const res = await cq.inject({
        method: 'GET',
        url: `/api/ebl/${delivered.id}/bundle`,
        headers: as(seed, 'consignee'),
      })
      expect(res.statusCode, res.body).toBe(200)
      const sgKeys = (await sg.inject({ method: 'GET', url: '/api/ledger/keys' })).json()
      const cqKeys = (await cq.inject({ method: 'GET', url: '/api/ledger/keys' })).json()
      const result = await verifyBundle(res.body, {
        trustedLogKeys: [cqKeys.logKey],
        trustedWitnessKeys: [sgKeys.witnessKey],
      })
      expect(result.steps.filter((s) => s.status !== 'pass')).toEqual([])
      expect(result.title).toMatchObject({ status: 'SURRENDERED_FOR_DELIVERY', actions: 7 })
      expect(result.asOf?.cosignedBy.map((c) => c.name)).toEqual([sgKeys.witnessName])
      const stranger = await cq.inject({
        method: 'GET',
        url: `/api/ebl/${delivered.id}/bundle`,
        headers: as(seed, 'broker'),
      })
      expect(stranger.statusCode).toBe(404)
    })

    it('serves checkpoints and proofs that check out', async () => {
      // Signed now: the latest checkpoint may not cover leaves that are not actions, such as the
      // privacy-transfer entry of a bundle exported to another jurisdiction (docs/privacy.md).
      const first = (
        await cq.inject({
          method: 'POST',
          url: '/api/ledger/checkpoint',
          headers: as(seed, 'operator'),
        })
      ).json()
      const bill = seed.bills.find((b) => b.stage.startsWith('issued'))!
      const act = await cq.inject({
        method: 'POST',
        url: `/api/ebl/${bill.id}/actions`,
        headers: as(seed, 'shipper'),
        payload: { action: 'ENDORSE_TO_ORDER', recipient: seed.organisations.cnBank.id },
      })
      expect(act.statusCode, act.body).toBe(201)
      const made = await cq.inject({
        method: 'POST',
        url: '/api/ledger/checkpoint',
        headers: as(seed, 'operator'),
      })
      expect(made.statusCode, made.body).toBe(201)
      const second = made.json()
      expect(second.treeSize).toBe(first.treeSize + 1)
      expect(parseNote(second.note).signatures).toHaveLength(2)
      const proof = (
        await cq.inject({
          method: 'GET',
          url: `/api/ledger/proofs/consistency?from=${first.treeSize}&to=${second.treeSize}`,
        })
      ).json()
      verifyConsistencyProof(
        {
          size1: proof.size1,
          size2: proof.size2,
          hashes: proof.hashes.map((h: string) => fromBase64(h)!),
        },
        fromBase64(first.rootHash)!,
        fromBase64(second.rootHash)!,
      )
      const bad = await cq.inject({
        method: 'GET',
        url: `/api/ledger/proofs/inclusion?leafIndex=${second.treeSize}&treeSize=${second.treeSize}`,
      })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().error.code).toBe('LEDGER_INDEX_OUT_OF_RANGE')
      const leaves = await cq.inject({ method: 'GET', url: '/api/ledger/leaves?start=0&end=2' })
      expect(leaves.json().leafHashes).toHaveLength(2)
    })

    it('speaks tlog-witness: stale sizes get 409 with the size, forks 422 with evidence (C2SP tlog-witness "the witness MUST respond with a 422")', async () => {
      const cqCheckpoint = (
        await cq.inject({ method: 'GET', url: '/api/ledger/checkpoint' })
      ).json()
      const logOnly = cqCheckpoint.note
        .split('\n')
        .filter((l: string) => !l.includes('/witness '))
        .join('\n')
      const stale = await sg.inject({
        method: 'POST',
        url: '/api/witness/add-checkpoint',
        headers: { 'content-type': 'text/plain' },
        payload: formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: logOnly }),
      })
      expect(stale.statusCode).toBe(409)
      expect(stale.headers['content-type']).toContain('text/x.tlog.size')
      expect(stale.body).toBe(`${cqCheckpoint.treeSize}\n`)

      // The Chongqing log key signs a different tree of the same size: a fork.
      const secrets = await nodes[0]!.settings.get<{ logSeed: string }>('ledger.secrets')
      const { createEd25519NoteSigner } = await import('@landsea/core/ledger')
      const signer = createEd25519NoteSigner({
        name: cqCheckpoint.note.split('\n')[0],
        seed: fromBase64(secrets!.logSeed)!,
      })
      const other = createMemoryLedger()
      other.append(
        Array.from({ length: cqCheckpoint.treeSize }, (_, i) =>
          new TextEncoder().encode(`forged ${i}`),
        ),
      )
      const forged = signCheckpoint(
        {
          origin: cqCheckpoint.note.split('\n')[0],
          treeSize: cqCheckpoint.treeSize,
          rootHash: other.rootHash(),
        },
        signer,
      )
      const fork = await sg.inject({
        method: 'POST',
        url: '/api/witness/add-checkpoint',
        headers: { 'content-type': 'text/plain' },
        payload: formatAddCheckpointRequest({
          oldSize: cqCheckpoint.treeSize,
          proof: [],
          checkpoint: forged,
        }),
      })
      expect(fork.statusCode).toBe(422)
      expect(fork.json().error.code).toBe('LEDGER_WITNESS_FORK')
      const evidence = (await sg.inject({ method: 'GET', url: '/api/witness/evidence' })).json()
        .evidence
      expect(evidence).toHaveLength(1)
      expect(evidence[0].submittedCheckpoint).toBe(forged)

      const garbage = await sg.inject({
        method: 'POST',
        url: '/api/witness/add-checkpoint',
        headers: { 'content-type': 'text/plain' },
        payload: 'nonsense',
      })
      expect(garbage.statusCode).toBe(400)
    })

    it('C2SP tlog-witness defines no request media type: add-checkpoint reads the body whatever its Content-Type, or without one', async () => {
      const cqCheckpoint = (
        await cq.inject({ method: 'GET', url: '/api/ledger/checkpoint' })
      ).json()
      const logOnly = cqCheckpoint.note
        .split('\n')
        .filter((l: string) => !l.includes('/witness '))
        .join('\n')
      const body = formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: logOnly })
      for (const headers of [
        {},
        { 'content-type': 'application/octet-stream' },
        { 'content-type': 'application/json' },
        { 'content-type': 'text/x.whatever' },
      ]) {
        const response = await sg.inject({
          method: 'POST',
          url: '/api/witness/add-checkpoint',
          headers,
          payload: Buffer.from(body),
        })
        // The witness read the body: it answers with the size it holds, as for text/plain.
        expect(response.statusCode).toBe(409)
        expect(response.body).toBe(`${cqCheckpoint.treeSize}\n`)
      }
    })

    it('documents the ledger routes in OpenAPI', async () => {
      const paths = Object.keys(
        (await cq.inject({ method: 'GET', url: '/openapi.json' })).json().paths,
      )
      expect(paths).toEqual(
        expect.arrayContaining([
          '/api/ebl/{id}/bundle',
          '/api/ledger/checkpoint',
          '/api/ledger/proofs/inclusion',
          '/api/ledger/proofs/consistency',
          '/api/witness/add-checkpoint',
        ]),
      )
    })
  })
}

import { openTestDatabase, TEST_DATABASES } from '@landsea/storage/testing'
import type { FastifyInstance } from 'fastify'
import { generateSigningKeyPair, type SigningKeyPair } from '@landsea/core/crypto'
import { simulateBookings } from '@landsea/core/simulation'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { buildApp } from '../src/app.js'
import { seedDemo, type DemoSeed } from '@landsea/node'
import { createNode, type LandseaNode } from '@landsea/node'

/** A seeded node and its app, on one test database. */
export interface TestNode {
  readonly node: LandseaNode
  readonly app: FastifyInstance
  readonly seed: DemoSeed
}

/** Runs a suite once per test database with a freshly seeded demo node. */
export function describeEachNode(name: string, suite: (get: () => TestNode) => void): void {
  for (const kind of TEST_DATABASES) {
    describe(`${name} [${kind}]`, () => {
      let testNode: TestNode
      beforeAll(async () => {
        // Tests reach receivers and peers on 127.0.0.1: loopback is allowed explicitly.
        const node = await createNode({
          database: await openTestDatabase(kind),
          outbound: { allowLoopback: true },
        })
        const seed = await seedDemo(node, { withTracking: false })
        if (!seed) throw new Error('the test node was not empty')
        testNode = { node, app: await buildApp({ node }), seed }
      })
      afterAll(async () => {
        await testNode?.app.close()
        await testNode?.node.close()
      })
      suite(() => testNode)
    })
  }
}

/** Authorization header for a demo organisation. */
export function as(
  seed: DemoSeed,
  role: keyof DemoSeed['organisations'],
): { authorization: string } {
  return { authorization: `Bearer ${seed.organisations[role].apiKey}` }
}

/**
 * Ingests, as the carrier, the simulated journey of a shipment booked 30 days ago: it has arrived,
 * so its emissions claim can be issued.
 */
export async function ingestFinishedJourney(
  node: TestNode,
  reference: string,
  simulationSeed = 7,
): Promise<void> {
  await ingestJourney(node, reference, {
    simulationSeed,
    nowMs: Date.now(),
    bookedMs: Date.now() - 30 * 86_400_000,
  })
}

/** Ingests, as the carrier, the events a shipment booked at `bookedMs` has reported by `nowMs`. */
export async function ingestJourney(
  { app, seed }: TestNode,
  reference: string,
  { simulationSeed, nowMs, bookedMs }: { simulationSeed: number; nowMs: number; bookedMs: number },
): Promise<void> {
  const live = simulateBookings({
    seed: simulationSeed,
    nowMs,
    bookings: [{ bookedMs, transportDocumentReference: reference }],
  })
  const ingest = await app.inject({
    method: 'POST',
    url: '/api/events',
    headers: as(seed, 'carrier'),
    payload: live.events,
  })
  expect(ingest.statusCode, ingest.body).toBeLessThan(300)
}

/**
 * Registers a shipper that holds its own key (non-custodial), after the operator relaxes the
 * verified-parties policy (this organisation has no legal-entity credential).
 */
export async function registerSelfCustodyShipper(
  { app, seed }: TestNode,
  name: string,
): Promise<{
  organisation: { id: string; keys: readonly [{ isCustodial: boolean }] }
  apiKey: string
  key: SigningKeyPair
}> {
  await app.inject({
    method: 'PUT',
    url: '/api/trust/policy',
    headers: as(seed, 'operator'),
    payload: { requireVerifiedParties: false },
  })
  const key = await generateSigningKeyPair()
  const registered = await app.inject({
    method: 'POST',
    url: '/api/organisations',
    headers: as(seed, 'operator'),
    payload: { name, country: 'SG', roles: ['SHIPPER'], keyAlg: 'EdDSA', publicJwk: key.publicJwk },
  })
  expect(registered.statusCode, registered.body).toBe(201)
  return { ...registered.json(), key }
}

import { createDoorDeliveryEvent } from '@landsea/core/tracking'
import type { PrivacyPolicy } from '@landsea/core/privacy'
import { createNode, seedDemo, type DemoSeed, type LandseaNode } from '@landsea/node'
import { openTestDatabase, type TEST_DATABASES } from '@landsea/storage/testing'
import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { buildApp } from '../src/app.js'
import { as } from './test-node.js'

/** One node of the two-country privacy tests, with its app and demo organisations. */
export interface Side {
  node: LandseaNode
  app: FastifyInstance
  seed: DemoSeed
}

export async function openSide(
  kind: (typeof TEST_DATABASES)[number],
  jurisdiction: 'CN' | 'SG',
): Promise<Side> {
  const node = await createNode({
    database: await openTestDatabase(kind),
    identity: { name: `${jurisdiction} node`, jurisdiction },
    // Webhook subscribers listen on this machine.
    outbound: { allowLoopback: true },
  })
  const seed = await seedDemo(node, { withTracking: false })
  if (!seed) throw new Error('the test node was not empty')
  return { node, app: await buildApp({ node }), seed }
}

export async function setPolicy(side: Side, policy: PrivacyPolicy): Promise<void> {
  const res = await side.app.inject({
    method: 'PUT',
    url: '/api/privacy/policy',
    headers: as(side.seed, 'operator'),
    payload: policy,
  })
  expect(res.statusCode).toBe(200)
}

export async function register(side: Side) {
  const res = await side.app.inject({
    url: '/api/privacy/register',
    headers: as(side.seed, 'operator'),
  })
  expect(res.statusCode).toBe(200)
  return res.json() as {
    treeSize: number
    failed: number[]
    entries: { leafIndex: number; record: Record<string, unknown> }[]
  }
}

/** A bill the organisation may read (and so export as a bundle), found on the node (no crossing). */
export async function readableBill(side: Side, role: keyof DemoSeed['organisations']) {
  const [first] = await side.node.registry.list({ party: side.seed.organisations[role].id })
  if (!first) throw new Error(`${role} reads no bill`)
  return first
}

/** A gate-in at a door-delivery address naming the individual who receives the container. */
export const doorDeliveryEvent = (n: number, name: string, reference: string) =>
  createDoorDeliveryEvent({
    eventID: `0190a5f2-7c1e-7a0c-8a1b-${String(n).padStart(12, '0')}`,
    reference,
    name,
  })

/** Asks the node to erase a person (operator). */
export function requestErasure(side: Side, identifier: string) {
  return side.app.inject({
    method: 'POST',
    url: '/api/privacy/erasures',
    headers: as(side.seed, 'operator'),
    payload: { identifier },
  })
}

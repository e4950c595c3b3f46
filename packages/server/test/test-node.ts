import { openTestDatabase, TEST_DATABASES } from '@landsea/storage/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe } from 'vitest'
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

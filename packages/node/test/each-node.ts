import { openTestDatabase, TEST_DATABASES } from '@landsea/storage/testing'
import { afterAll, beforeAll, describe } from 'vitest'
import { createNode, seedDemo, type DemoSeed, type LandseaNode } from '../src/index.js'

/** A seeded node on one test database, without HTTP. */
export interface SeededNode {
  readonly node: LandseaNode
  readonly seed: DemoSeed
}

/** Runs a suite once per test database (SQLite; PostgreSQL with DATABASE_URL) on a seeded demo node. */
export function describeEachNode(name: string, suite: (get: () => SeededNode) => void): void {
  for (const kind of TEST_DATABASES) {
    describe(`${name} [${kind}]`, () => {
      let seeded: SeededNode
      beforeAll(async () => {
        const node = await createNode({
          database: await openTestDatabase(kind),
          checkpointIntervalMs: 0,
        })
        const seed = await seedDemo(node, { withTracking: false })
        if (!seed) throw new Error('the test node was not empty')
        seeded = { node, seed }
      })
      afterAll(async () => {
        await seeded?.node.close()
      })
      suite(() => seeded)
    })
  }
}

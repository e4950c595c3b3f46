import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.js'
import {
  createNode,
  seedDemo,
  type DemoSeed,
  type LandseaNode,
  type NodeIdentity,
  type NodeStorageOptions,
} from '@landsea/node'

/** Options of {@link startNode}. */
export interface StartOptions extends NodeStorageOptions {
  readonly port?: number
  readonly host?: string
  readonly seed?: boolean
  readonly identity?: Partial<NodeIdentity>
  readonly logger?: boolean
  /** Requests a minute per caller on routes that cost the node an outbound request. */
  readonly outboundPerMinute?: number
}

/** A running node. */
export interface RunningNode {
  readonly node: LandseaNode
  readonly app: FastifyInstance
  readonly url: string
  readonly seeded: DemoSeed | undefined
  close(): Promise<void>
}

/**
 * The HTTP entry point: opens the node, seeds the demo on first run, builds the app, listens and
 * starts the node's background jobs.
 */
export async function startNode({
  port = 8080,
  host = '127.0.0.1',
  seed = true,
  logger = false,
  outboundPerMinute,
  ...options
}: StartOptions = {}): Promise<RunningNode> {
  const node = await createNode(options)
  const seeded = seed ? await seedDemo(node) : undefined
  const app = await buildApp({
    node,
    logger,
    ...(outboundPerMinute ? { outboundLimit: { max: outboundPerMinute, windowMs: 60_000 } } : {}),
  })
  await app.listen({ port, host })
  node.start()
  const address = app.server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actualPort}`
  return {
    node,
    app,
    url,
    seeded,
    async close() {
      await app.close()
      await node.close()
    },
  }
}

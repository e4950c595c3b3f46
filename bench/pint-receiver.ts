// The receiving node (LSSG) of `pint-two-process.ts` in a process of its own, as in any deployment:
// in-memory SQLite, demo seeded, listening on 127.0.0.1. Over the IPC channel it sends its URL and
// platform keys when it serves, registers the sending platform it is given, reports its CPU time
// when asked, and closes when told. It exits when the channel closes, so the bench ending in any way
// (even SIGKILL) never leaves it running.
import type { PlatformKeys } from '@landsea/core/pint'
import { createGuardedFetch, createNode, seedDemo } from '@landsea/node'
import { buildApp } from '@landsea/server'
import { mainThreadCpuMs } from './stats.js'

/** What the bench asks of this process; each message gets one answer. */
export type ReceiverRequest =
  | { readonly peer: { readonly url: string; readonly jwks: PlatformKeys } }
  | { readonly cpu: true }
  | { readonly close: true }

/** CPU ms used so far: the main thread (from /proc) and the whole process (`process.cpuUsage`). */
export interface ReceiverCpu {
  readonly main: number
  readonly all: number
}

const send = (message: unknown) => process.send!(message)
process.once('disconnect', () => process.exit(0))

const node = await createNode({
  inMemory: true,
  fetch: createGuardedFetch({ allowLoopback: true }),
  platformCode: 'LSSG',
  checkpointIntervalMs: 0,
})
const app = await buildApp({ node })
const url = await app.listen({ host: '127.0.0.1', port: 0 })
await seedDemo(node, { withTracking: false })

process.on('message', (request: ReceiverRequest) => {
  void (async () => {
    if ('peer' in request) {
      await node.pint.addPlatform({
        code: 'LSCQ',
        name: 'cq',
        url: request.peer.url,
        jwks: request.peer.jwks,
        parties: [],
      })
      send({ registered: true })
    } else if ('cpu' in request) {
      const all = process.cpuUsage()
      send({ main: mainThreadCpuMs() ?? Number.NaN, all: (all.user + all.system) / 1000 })
    } else if ('close' in request) {
      await app.close()
      await node.close()
      send({ closed: true })
      process.exit(0)
    }
  })().catch((error: unknown) => {
    console.error('pint receiver:', error)
    process.exit(1)
  })
})
send({ url, jwks: (await node.pint.platform()).jwks })

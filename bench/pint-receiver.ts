// The receiving node (LSSG) of `pint-two-process.ts` in a process of its own, as in any deployment:
// in-memory SQLite, demo seeded, listening on 127.0.0.1. Over the IPC channel it sends its URL and
// platform keys when it serves, registers the sending platform it is given, reports its CPU time
// when asked, and closes when told. It exits when the channel closes, so the bench ending in any way
// (even SIGKILL) never leaves it running.
import type { PlatformKeys } from '@landsea/core/pint'
import { seedDemo } from '@landsea/node'
import { addPeer, benchPintNode } from './pint-workload.js'
import { processCpuMs } from './stats.js'

/** What the bench asks of this process; each message gets one answer. */
export type ReceiverRequest =
  | { readonly peer: { readonly url: string; readonly jwks: PlatformKeys } }
  | { readonly cpu: true }
  | { readonly close: true }

/** CPU ms used so far: the main thread (from /proc) and the whole process (`process.cpuUsage`). */
export type ReceiverCpu = ReturnType<typeof processCpuMs>

const send = (message: unknown) => process.send!(message)
process.once('disconnect', () => process.exit(0))

const { node, app } = await benchPintNode('LSSG')
const url = await app.listen({ host: '127.0.0.1', port: 0 })
await seedDemo(node, { withTracking: false })

process.on('message', (request: ReceiverRequest) => {
  void (async () => {
    if ('peer' in request) {
      await addPeer(node, 'LSCQ', request.peer.url, request.peer.jwks)
      send({ registered: true })
    } else if ('cpu' in request) {
      send(processCpuMs())
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

import { fork } from 'node:child_process'
import { join } from 'node:path'
import type { PlatformKeys } from '@landsea/core/pint'
import { seedDemo } from '@landsea/node'
import type { ReceiverCpu, ReceiverRequest } from './pint-receiver.js'
import { addPeer, benchPintNode, pintWorkload, transferRows } from './pint-workload.js'
import { processCpuMs, round } from './stats.js'

/** The receiving node's process: its IPC channel, one request answered at a time. */
function startReceiver() {
  // Node with the tsx loader, as the benches run; extra flags (e.g. `--cpu-prof`) from the env.
  const extra = process.env.PINT_BENCH_RECEIVER_FLAGS?.split(' ').filter(Boolean) ?? []
  const child = fork(join(import.meta.dirname, 'pint-receiver.ts'), {
    execArgv: ['--import', 'tsx', ...extra],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  // This process ending in any way closes the channel, on which the child exits; a normal exit of
  // this process (an uncaught error included) also kills it at once.
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  let ended = false
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  // An 'error' is a failed send (the child gone: EPIPE) or a failed start: it ends the child too.
  const failed = new Promise<void>((resolve) =>
    child.on('error', () => {
      child.kill('SIGKILL')
      resolve()
    }),
  )
  const gone = Promise.race([exited, failed]).then(() => {
    ended = true
  })
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      const answered = (message: unknown) => resolve(message as T)
      child.once('message', answered)
      void gone.then(() => {
        child.off('message', answered)
        reject(new Error('the pint receiver process ended'))
      })
    })
  const ask = <T>(request: ReceiverRequest) => {
    const answer = next<T>()
    if (!ended) child.send(request)
    return answer
  }
  const stop = async () => {
    process.off('exit', killOnExit)
    if (ended) return
    // A clean close (a profile, if asked, is written at exit); SIGKILL if it does not end in 5 s.
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    if (child.connected) child.send({ close: true } satisfies ReceiverRequest)
    else child.kill('SIGKILL')
    await gone
    clearTimeout(timer)
  }
  const ready = next<{ url: string; jwks: PlatformKeys }>()
  ready.catch(() => {}) // awaited later; an early end must not be an unhandled rejection meanwhile
  return { ready, ask, stop }
}

/**
 * The same transfers with the receiving node (LSSG) in a process of its own over real HTTP on
 * loopback, as two platform operators run them, and the sending node (LSCQ) with the bench in this
 * one. CPU ms per transfer for each side (main thread, and the whole process with libuv's pool and
 * the garbage collector) and their sum: what the pair costs; transfers/s: what two processes reach;
 * and the cores each process kept busy while it ran.
 */
export async function measureTwoProcesses() {
  const receiver = startReceiver()
  let sender: Awaited<ReturnType<typeof benchPintNode>> | undefined
  try {
    sender = await benchPintNode('LSCQ')
    const { node, app } = sender
    const url = await app.listen({ host: '127.0.0.1', port: 0 })
    const seed = (await seedDemo(node, { withTracking: false }))!
    const sg = await receiver.ready
    await addPeer(node, 'LSSG', sg.url, sg.jwks)
    await receiver.ask({ peer: { url, jwks: (await node.pint.platform()).jwks } })

    const take = async () => ({
      at: performance.now(),
      ...processCpuMs(),
      receiver: await receiver.ask<ReceiverCpu>({ cpu: true }),
    })
    const rows = await transferRows(
      pintWorkload(node, seed),
      'receiver in its own process, http',
      {
        take,
        perTransfer: async (from, transfers) => {
          const to = await take()
          const per = (ms: number) => round(ms / transfers, 2)
          const senderAll = to.all - from.all
          const receiverAll = to.receiver.all - from.receiver.all
          // Each process's CPU over the wall time, in cores: near 1 for a main thread that never
          // waits (the side that bounds the rate); both together near the machine's cores.
          const cores = (ms: number) => round(ms / (to.at - from.at), 2)
          return {
            'sender main': per(to.main - from.main),
            'sender all': per(senderAll),
            'receiver main': per(to.receiver.main - from.receiver.main),
            'receiver all': per(receiverAll),
            'sum all': per(senderAll + receiverAll),
            'sender cores': cores(senderAll),
            'receiver cores': cores(receiverAll),
            // At these costs on two free cores: each main thread has at most one, and the two
            // processes' threads share both.
            'max /s, 2 free cores': round(
              Math.min(
                (2000 * transfers) / (senderAll + receiverAll),
                (1000 * transfers) /
                  Math.max(to.main - from.main, to.receiver.main - from.receiver.main),
              ),
              0,
            ),
          }
        },
      },
      { latencyAtConcurrency: true },
    )
    return rows
  } finally {
    await receiver.stop()
    await sender?.app.close()
    await sender?.node.close()
  }
}

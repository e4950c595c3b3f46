// Sends pre-signed title actions over HTTP from its own thread, so the load generator does not share the
// server's event loop. Plain JavaScript: worker threads do not inherit the tsx loader on Node 20.
// workerData: { base: string, plans: { id, steps: { jws, apiKey }[] }[], concurrency: number }
import { parentPort, workerData } from 'node:worker_threads'

const { base, plans, concurrency } = workerData
const latencies = []
let next = 0
let failures = 0
const started = performance.now()
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    for (;;) {
      const plan = plans[next++]
      if (!plan) return
      for (const step of plan.steps) {
        const t0 = performance.now()
        const res = await fetch(`${base}/api/ebl/${plan.id}/actions/signed`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${step.apiKey}` },
          body: JSON.stringify({ jws: step.jws }),
        })
        await res.arrayBuffer()
        latencies.push(performance.now() - t0)
        if (res.status !== 201) failures++
      }
    }
  }),
)
parentPort.postMessage({ latencies, failures, seconds: (performance.now() - started) / 1000 })

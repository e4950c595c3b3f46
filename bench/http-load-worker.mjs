// Sends pre-signed title actions over HTTP from its own thread, so the load generator does not share the
// server's event loop. Plain JavaScript: worker threads do not inherit the tsx loader on Node 20.
// node:http with a keep-alive agent (one connection per concurrent client, as a browser or SDK keeps them):
// fetch (undici through WHATWG streams) costs about three times its CPU per request here, and on a 2-core
// machine the client's CPU is taken from the server under test.
// workerData: { base: string, plans: { id, steps: { jws, apiKey }[] }[], concurrency: number }
import { Buffer } from 'node:buffer'
import { request, Agent } from 'node:http'
import { parentPort, workerData } from 'node:worker_threads'

const { base, plans, concurrency } = workerData
const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
const url = new URL(base)

/** POSTs a JSON body; resolves with the status code once the whole response is read. */
function post(path, apiKey, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${apiKey}`,
        },
      },
      (res) => {
        res.on('data', () => {})
        res.on('end', () => resolve(res.statusCode))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

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
        const status = await post(
          `/api/ebl/${plan.id}/actions/signed`,
          step.apiKey,
          JSON.stringify({ jws: step.jws }),
        )
        latencies.push(performance.now() - t0)
        if (status !== 201) failures++
      }
    }
  }),
)
agent.destroy()
parentPort.postMessage({ latencies, failures, seconds: (performance.now() - started) / 1000 })

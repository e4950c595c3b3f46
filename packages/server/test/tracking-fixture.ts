import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import { simulateCorridor } from '@landsea/core/simulation'

/** Two days of the simulated corridor, three shipments a day: the tracking tests' events. */
export const sim = simulateCorridor({
  seed: 9,
  fromMs: Date.UTC(2025, 3, 1),
  toMs: Date.UTC(2025, 3, 3),
  shipmentsPerDay: 3,
})

interface Received {
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

/** A real webhook receiver on 127.0.0.1 that answers with the given status. */
export async function startReceiver(): Promise<{
  server: Server
  url: string
  received: Received[]
  status: { code: number }
}> {
  const received: Received[] = []
  const status = { code: 200 }
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      received.push({ headers: req.headers, body })
      res.statusCode = status.code
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { server, url: `http://127.0.0.1:${port}/hook`, received, status }
}

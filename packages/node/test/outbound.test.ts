import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGuardedFetch, createGuardedTextFetch, refusalOf } from '../src/index.js'

let server: Server
let base: string
const hits: string[] = []

beforeAll(async () => {
  server = createServer((request, response) => {
    hits.push(request.url ?? '')
    if (request.url === '/redirect') {
      response.writeHead(302, { location: 'http://example.com/elsewhere' }).end()
    } else if (request.url === '/none') {
      response.writeHead(204).end()
    } else if (request.url === '/echo') {
      // A leading BOM, a byte that is not UTF-8, and the request's method and headers echoed.
      const echo = JSON.stringify([request.method, request.headers['x-a'], request.headers['x-b']])
      response
        .writeHead(409)
        .end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xff]), Buffer.from(echo)]))
    } else if (request.url === '/slow') {
      setTimeout(() => response.writeHead(200).end('late'), 300)
    } else if (request.url === '/big') {
      response.writeHead(200)
      response.end('x'.repeat(64 * 1024))
    } else response.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

describe('the guarded outbound client', () => {
  it('refuses loopback, private and link-local addresses unless allowed', async () => {
    const guarded = createGuardedFetch()
    await expect(guarded(`${base}/`)).rejects.toThrow('127.0.0.1 is a loopback address')
    // A name that resolves to loopback is refused after resolution, not by its spelling.
    const port = (server.address() as AddressInfo).port
    await expect(guarded(`http://localhost:${port}/`)).rejects.toThrow(/loopback address/)
    expect(hits).toEqual([])
    expect(refusalOf('10.1.2.3', {})).toBe('10.1.2.3 is not a public address')
    expect(refusalOf('169.254.169.254', {})).toBe('169.254.169.254 is not a public address')
    expect(refusalOf('::ffff:192.168.0.1', {})).toBe('192.168.0.1 is not a public address')
    expect(refusalOf('fd00::1', {})).toBe('fd00::1 is not a public address')
    expect(refusalOf('192.168.0.1', { allowPrivate: true })).toBeUndefined()
    expect(refusalOf('8.8.8.8', {})).toBeUndefined()
    await expect(guarded('file:///etc/passwd')).rejects.toThrow(/only http and https/)
  })

  it('with loopback allowed: answers, does not follow a redirect to another origin, caps the body', async () => {
    const guarded = createGuardedFetch({ allowLoopback: true, maxResponseBytes: 1024 })
    const ok = await guarded(`${base}/`)
    expect(ok.status).toBe(200)
    expect(await ok.text()).toBe('ok')
    const redirect = await guarded(`${base}/redirect`, { method: 'POST', body: '{}' })
    expect(redirect.status).toBe(302)
    expect(hits.filter((h) => h === '/elsewhere')).toEqual([])
    await expect(guarded(`${base}/big`)).rejects.toThrow(/response over 1024 bytes/)
  })

  it("the peers' text client answers as fetch's Response does, under the same checks", async () => {
    const options = { allowLoopback: true, maxResponseBytes: 1024 }
    const [guarded, text] = [createGuardedFetch(options), createGuardedTextFetch(options)]
    const init = { method: 'PUT' as const, headers: { 'X-A': '1', 'x-b': '2' }, body: '{}' }
    for (const path of ['/', '/none', '/echo', '/redirect']) {
      const [reference, lean] = [
        await guarded(`${base}${path}`, init),
        await text(`${base}${path}`, init),
      ]
      expect(lean.status).toBe(reference.status)
      expect(await lean.text()).toBe(await reference.text())
    }
    await expect(text(`${base}/big`, { method: 'GET' })).rejects.toThrow(/response over 1024 bytes/)
    await expect(createGuardedTextFetch()(`${base}/`, { method: 'GET' })).rejects.toThrow(
      '127.0.0.1 is a loopback address',
    )
    // One timeout for the whole exchange, and the caller's signal, each end it.
    const short = createGuardedTextFetch({ allowLoopback: true, timeoutMs: 50 })
    await expect(short(`${base}/slow`, { method: 'GET' })).rejects.toThrow(/no answer in 50 ms/)
    const controller = new AbortController()
    const aborted = text(`${base}/slow`, { method: 'GET', signal: controller.signal })
    controller.abort(new Error('called off'))
    await expect(aborted).rejects.toThrow('called off')
  })
})

describe('outbound paths refuse loopback unless allowed', () => {
  it('webhook delivery: a callback on 127.0.0.1 is refused and logged, the receiver never called', async () => {
    const { openTestDatabase } = await import('@landsea/storage/testing')
    const { createNode } = await import('../src/index.js')
    const node = await createNode({ database: await openTestDatabase('sqlite') })
    try {
      await node.subscriptions.create({
        subscriptionID: 'sub-loop',
        owner: 'org-1',
        callbackUrl: `${base}/hook`,
        secret: 'a-long-shared-secret',
        filter: {},
        alerts: {},
        createdDateTime: new Date().toISOString(),
      })
      await node.subscriptions.enqueue([
        {
          deliveryID: 'd-loop',
          subscriptionID: 'sub-loop',
          kind: 'EVENTS',
          payload: '[]',
          status: 'PENDING',
          attempts: 0,
          nextAttemptMs: 0,
          createdAt: new Date().toISOString(),
        },
      ])
      expect(await node.webhooks.runOnce()).toBe(1)
      const [delivery] = await node.subscriptions.deliveries('sub-loop')
      expect(delivery?.lastError).toMatch(/loopback address/)
      expect(hits).not.toContain('/hook')
    } finally {
      await node.close()
    }
  })

  it('did:web resolution and peers: a loopback host is refused', async () => {
    const { openTestDatabase } = await import('@landsea/storage/testing')
    const { createNode } = await import('../src/index.js')
    // A node on plain HTTP fetches http did:web documents: only the address policy stops this one.
    const node = await createNode({
      database: await openTestDatabase('sqlite'),
      identity: { name: 'Test node', jurisdiction: 'CN', publicUrl: 'http://node.example' },
    })
    try {
      const port = (server.address() as AddressInfo).port
      await expect(
        node.identityService.resolver.resolve(`did:web:127.0.0.1%3A${port}`),
      ).rejects.toThrow()
      await expect(node.ledger.addPeerAt(base)).rejects.toThrow()
      expect(hits.filter((h) => h.includes('did.json') || h.includes('/api/ledger'))).toEqual([])
    } finally {
      await node.close()
    }
  })
})

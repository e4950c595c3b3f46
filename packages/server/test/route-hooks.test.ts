import { expect, it } from 'vitest'
import { as, describeEachNode } from './test-node.js'

describeEachNode('hooks added per route', (get) => {
  it('answers a refused key with the request id and nosniff, like every other answer', async () => {
    const { app, seed } = get()
    for (const headers of [{}, { authorization: 'Bearer lsk_not-a-key' }, as(seed, 'carrier')]) {
      const res = await app.inject({ method: 'POST', url: '/api/organisations', headers })
      expect([401, 403]).toContain(res.statusCode)
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
      expect(res.headers['x-content-type-options']).toBe('nosniff')
    }
  })

  it('checks a numeric query parameter only where a route declares one, and still there', async () => {
    const { app, seed } = get()
    const headers = as(seed, 'carrier')
    const declared = await app.inject({ url: '/api/ebl?limit=Infinity', headers })
    expect(declared.statusCode).toBe(400)
    expect(declared.json().error.issues).toEqual([
      { path: 'querystring/limit', code: 'TYPE', message: 'must be a finite number' },
    ])
    // A parameter no route declares is not a number to check: the route answers as without it.
    const undeclared = await app.inject({ url: '/api/ledger/keys?limit=Infinity' })
    expect(undeclared.statusCode).toBe(200)
  })
})

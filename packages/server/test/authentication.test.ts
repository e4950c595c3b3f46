import { expect, it } from 'vitest'
import { as, describeEachNode } from './test-node.js'

describeEachNode('authentication', (get) => {
  const register = (headers: Record<string, string>) =>
    get().app.inject({ method: 'POST', url: '/api/organisations', headers, payload: {} })

  it('refuses a caller without a valid key before it validates the body', async () => {
    const anonymous = await register({})
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.json()).toEqual({
      error: {
        code: 'AUTH_REQUIRED',
        message: 'send the organisation API key as Authorization: Bearer <key>',
      },
    })
    const forged = await register({ authorization: 'Bearer lsk_not-a-key' })
    expect(forged.statusCode).toBe(401)
    expect(forged.json().error).toEqual({
      code: 'AUTH_INVALID',
      message: 'the API key is not valid',
    })
  })

  it('refuses a caller without the role before it validates the body, then validates', async () => {
    const { seed } = get()
    const carrier = await register(as(seed, 'carrier'))
    expect(carrier.statusCode).toBe(403)
    expect(carrier.json().error).toEqual({
      code: 'AUTH_FORBIDDEN',
      message: 'this needs the role NODE_OPERATOR',
    })
    const operator = await register({ 'x-api-key': seed.organisations.operator.apiKey })
    expect(operator.statusCode).toBe(400)
    expect(operator.json().error.code).toBe('REQUEST_VALIDATION_FAILED')
    expect(operator.json().error.issues.length).toBeGreaterThan(0)
  })

  it('asks for a key on every route the OpenAPI document says needs one', async () => {
    const { app } = get()
    const { paths } = (await app.inject({ url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>
    }
    const secured = Object.entries(paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => (operation.security ?? []).length > 0)
        .map(([method]) => ({ method: method.toUpperCase() as 'GET' | 'POST' | 'PUT', path })),
    )
    expect(secured.length).toBeGreaterThan(25)
    for (const { method, path } of secured) {
      const url = path.replace(/\{[^}]+\}/g, 'x')
      const res = await app.inject({ method, url, ...(method === 'GET' ? {} : { payload: {} }) })
      expect(res.statusCode, `${method} ${path}`).toBe(401)
    }
  })
})

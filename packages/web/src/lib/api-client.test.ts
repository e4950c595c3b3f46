import { describe, expect, it } from 'vitest'
import { ApiError, createApiClient, type FetchLike } from './api-client.js'

function answering(
  status: number,
  body: string,
  seen: { url?: string; init?: RequestInit } = {},
): FetchLike {
  return async (url, init) => {
    seen.url = url
    seen.init = init
    return new Response(body, { status, headers: { 'content-type': 'application/json' } })
  }
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected the request to fail')
}

describe('createApiClient', () => {
  it('sends the API key as a bearer token and JSON bodies under /api', async () => {
    const seen: { url?: string; init?: RequestInit } = {}
    const client = createApiClient({ apiKey: 'k1', fetch: answering(201, '{"ok":true}', seen) })
    expect(await client.post('/ebl/1/actions', { action: 'TRANSFER' })).toEqual({ ok: true })
    expect(seen.url).toBe('/api/ebl/1/actions')
    const headers = seen.init?.headers as Record<string, string>
    expect(headers.authorization).toBe('Bearer k1')
    expect(headers['content-type']).toBe('application/json')
    expect(seen.init?.body).toBe('{"action":"TRANSFER"}')
  })

  it('sends no authorization header when signed out', async () => {
    const seen: { url?: string; init?: RequestInit } = {}
    await createApiClient({ fetch: answering(200, '{}', seen) }).get('/node')
    expect((seen.init?.headers as Record<string, string>).authorization).toBeUndefined()
  })

  it('turns the error body into an ApiError with code, status and issues', async () => {
    const body = JSON.stringify({
      error: {
        code: 'EBL_CONFLICT',
        message: 'another action came first',
        issues: [{ path: '/recipient', code: 'X', message: 'm' }, { path: 1 }],
      },
    })
    const error = await failure(createApiClient({ fetch: answering(409, body) }).get('/ebl/1'))
    expect(error).toMatchObject({
      code: 'EBL_CONFLICT',
      status: 409,
      message: 'another action came first',
    })
    expect(error.issues).toEqual([{ path: '/recipient', code: 'X', message: 'm' }])
  })

  it('names network failures, non-JSON answers and error answers without a body', async () => {
    const down: FetchLike = async () => {
      throw new TypeError('fetch failed')
    }
    expect((await failure(createApiClient({ fetch: down }).get('/node'))).code).toBe(
      'NETWORK_ERROR',
    )
    expect(
      (await failure(createApiClient({ fetch: answering(200, '<html>') }).get('/node'))).code,
    ).toBe('BAD_RESPONSE')
    expect((await failure(createApiClient({ fetch: answering(502, '') }).get('/node'))).code).toBe(
      'HTTP_502',
    )
  })
})

/** One problem in a rejected request, as the API reports it. */
export interface ApiIssue {
  readonly path: string
  readonly code: string
  readonly message: string
}

/** An error answered by the node (`{ error: { code, message, issues? } }`) or met on the way. */
export class ApiError extends Error {
  readonly code: string
  readonly status: number
  readonly issues: readonly ApiIssue[]

  constructor(
    code: string,
    message: string,
    status: number,
    issues: readonly ApiIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.code = code
    this.status = status
    this.issues = issues
    this.name = this.constructor.name
  }
}

/** What the dashboard needs from `fetch`: the global one in the browser, any stand-in elsewhere. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

/** A thin JSON client for the node's `/api`, authenticated by an organisation API key. */
export interface ApiClient {
  get<T>(path: string): Promise<T>
  post<T>(path: string, body: unknown): Promise<T>
}

/**
 * Creates an API client. Paths are relative to `/api`; errors are thrown as {@link ApiError}, with
 * `NETWORK_ERROR` when the node cannot be reached and `BAD_RESPONSE` when it answers non-JSON.
 */
export function createApiClient({
  apiKey,
  baseUrl = '/api',
  fetch: fetchImpl = (input, init) => globalThis.fetch(input, init),
}: {
  apiKey?: string | null
  baseUrl?: string
  fetch?: FetchLike
}): ApiClient {
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (apiKey) headers.authorization = `Bearer ${apiKey}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    let response: Response
    try {
      response = await fetchImpl(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch (cause) {
      throw new ApiError('NETWORK_ERROR', 'The node could not be reached', 0, [], { cause })
    }
    const text = await response.text()
    let json: unknown = undefined
    if (text.length > 0) {
      try {
        json = JSON.parse(text)
      } catch (cause) {
        throw new ApiError(
          'BAD_RESPONSE',
          'The node answered with something other than JSON',
          response.status,
          [],
          { cause },
        )
      }
    }
    if (!response.ok) throw toApiError(json, response.status)
    return json as T
  }
  return {
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
  }
}

function toApiError(json: unknown, status: number): ApiError {
  const error = isRecord(json) && isRecord(json.error) ? json.error : undefined
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${status}`
  const message = typeof error?.message === 'string' ? error.message : `Request failed (${status})`
  const issues = Array.isArray(error?.issues) ? error.issues.filter(isIssue) : []
  return new ApiError(code, message, status, issues)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isIssue(value: unknown): value is ApiIssue {
  return (
    isRecord(value) &&
    typeof value.path === 'string' &&
    typeof value.code === 'string' &&
    typeof value.message === 'string'
  )
}

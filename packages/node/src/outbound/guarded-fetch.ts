import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import { refusalOf, type OutboundPolicy } from './address-policy.js'

/** Options of {@link createGuardedFetch}. */
export interface GuardedFetchOptions extends OutboundPolicy {
  /** Whole-request timeout, ms (connect, send, read). */
  readonly timeoutMs?: number
  /** The most bytes of a response body read; more fails the request while it reads. */
  readonly maxResponseBytes?: number
}

/** Why the guarded client refused or gave up a request. */
export class OutboundRefusedError extends Error {
  readonly code = 'OUTBOUND_REFUSED'
  constructor(message: string) {
    super(message)
    this.name = this.constructor.name
  }
}

/** A guarded exchange's answer: status, headers and the (capped) body, before any web `Response`. */
export interface GuardedAnswer {
  readonly status: number
  readonly headers: IncomingMessage['headers']
  readonly body: Buffer<ArrayBuffer>
}

/** The part of `fetch`'s options the guarded client uses. */
export interface GuardedInit {
  readonly method?: string
  readonly headers?: RequestInit['headers']
  readonly body?: unknown
  readonly signal?: AbortSignal | null
}

/** A `Response` of `answer`, as `fetch` answers. */
function responseOf({ status, headers, body }: GuardedAnswer): Response {
  const responseHeaders = new Headers()
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') responseHeaders.set(name, value)
  }
  const noBody = status === 204 || status === 304
  return new Response(noBody ? null : body, { status, headers: responseHeaders })
}

/**
 * The guarded exchange itself, for every request the node makes to others (webhooks, did:web
 * documents, status lists, peers and witnesses), because each such URL comes from someone else:
 * - http and https only;
 * - the name is resolved once, and the address checked (`refusalOf`: no loopback, private or
 *   link-local address unless the operator allows it) and then used for the connection itself, so
 *   a second resolution cannot point it elsewhere (DNS rebinding);
 * - redirects are not followed: a 3xx is the answer (a callback cannot send the signed request to
 *   another origin);
 * - one timeout for the whole exchange, and the body read up to a cap, failing as soon as it is
 *   passed rather than after reading it whole.
 * It answers with the status, headers and body as read ({@link createGuardedFetch} makes a
 * `Response` of them; {@link createGuardedTextFetch} only what the peers' port reads).
 */
export function createGuardedRequest({
  allowLoopback = false,
  allowPrivate = false,
  timeoutMs = 10_000,
  maxResponseBytes = 2 * 1024 * 1024,
}: GuardedFetchOptions = {}): (
  input: string | URL | Request,
  init?: GuardedInit,
) => Promise<GuardedAnswer> {
  const policy = { allowLoopback, allowPrivate }
  const lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 4)
      const chosen = addresses[0]
      const refusal = chosen ? refusalOf(chosen.address, policy) : `${hostname} has no address`
      if (refusal || !chosen) return callback(new OutboundRefusedError(refusal!), '', 4)
      // Pinned: the connection uses exactly the address checked here.
      if (options.all) callback(null, [chosen] as never, chosen.family)
      else callback(null, chosen.address, chosen.family)
    })
  }
  // An address literal's verdict under this client's fixed policy, kept: `refusalOf` is a pure
  // function of the two (a peer's URL is asked again on every exchange).
  const literalVerdicts = new Map<string, string | undefined>()
  const literalRefusal = (host: string) => {
    if (literalVerdicts.has(host)) return literalVerdicts.get(host)
    const refusal = refusalOf(host, policy)
    if (literalVerdicts.size >= 1024) literalVerdicts.clear()
    literalVerdicts.set(host, refusal)
    return refusal
  }

  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new OutboundRefusedError(`only http and https are fetched, not ${url.protocol}`)
    }
    const host = url.hostname.replace(/^\[|\]$/g, '')
    if (isIP(host) !== 0) {
      // An address literal is never looked up, so it is checked here.
      const refusal = literalRefusal(host)
      if (refusal) throw new OutboundRefusedError(refusal)
    }
    const headers = headerRecordOf(init.headers)
    const body = init.body === undefined || init.body === null ? undefined : String(init.body)
    const signal = init.signal ?? undefined
    signal?.throwIfAborted()
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    return new Promise<GuardedAnswer>((resolve, reject) => {
      // One timer for the whole exchange (connect, send, read) and the caller's signal, if any:
      // either ends the request, and both are let go when it settles.
      const settle = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
      }
      const fail = (error: unknown) => {
        settle()
        reject(error)
      }
      const request = send(
        url,
        { method: init.method ?? 'GET', headers, lookup },
        (response: IncomingMessage) => {
          const chunks: Buffer[] = []
          let size = 0
          response.on('data', (chunk: Buffer) => {
            size += chunk.length
            if (size > maxResponseBytes) {
              request.destroy(
                new OutboundRefusedError(`${url.origin}: response over ${maxResponseBytes} bytes`),
              )
              return
            }
            chunks.push(chunk)
          })
          response.on('error', fail)
          response.on('end', () => {
            settle()
            resolve({
              status: response.statusCode ?? 502,
              headers: response.headers,
              body: Buffer.concat(chunks),
            })
          })
        },
      )
      const timer = setTimeout(() => {
        request.destroy(new OutboundRefusedError(`${url.origin}: no answer in ${timeoutMs} ms`))
      }, timeoutMs).unref()
      const onAbort = () => request.destroy(signal!.reason as Error)
      signal?.addEventListener('abort', onAbort, { once: true })
      request.on('error', fail)
      request.end(body)
    })
  }
}

/**
 * The request's headers as `Headers` would list them (names lower-cased, a repeated name's values
 * joined); a plain record of strings, as the node's own callers give, without building `Headers`.
 */
function headerRecordOf(headers: RequestInit['headers']): Record<string, string> {
  if (headers === undefined) return {}
  if (typeof headers !== 'object' || Array.isArray(headers) || headers instanceof Headers)
    return Object.fromEntries(new Headers(headers))
  const record: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') return Object.fromEntries(new Headers(headers))
    const key = name.toLowerCase()
    record[key] = key in record ? `${record[key]}, ${value}` : value
  }
  return record
}

const utf8 = new TextDecoder()

/** The guarded client ({@link createGuardedRequest}) as a standard `fetch`, answering a `Response`. */
export function createGuardedFetch(options: GuardedFetchOptions = {}): typeof fetch {
  const request = createGuardedRequest(options)
  return async (input, init = {}) => responseOf(await request(input, init))
}

/**
 * The guarded client with only what the peers' port reads (status and text: PINT platforms and
 * witnesses): the same checks, without building a web `Response` and its stream per exchange.
 */
export function createGuardedTextFetch(
  options: GuardedFetchOptions = {},
): (url: string, init: GuardedInit) => Promise<{ status: number; text(): Promise<string> }> {
  const request = createGuardedRequest(options)
  return async (url, init) => {
    const { status, body } = await request(url, init)
    // As `Response.text()` reads it: UTF-8, a leading BOM dropped, bad bytes replaced.
    const text = status === 204 || status === 304 ? '' : utf8.decode(body)
    return { status, text: async () => text }
  }
}

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

/**
 * A `fetch` for every request the node makes to others (webhooks, did:web documents, status lists,
 * peers and witnesses), because each such URL comes from someone else:
 * - http and https only;
 * - the name is resolved once, and the address checked (`refusalOf`: no loopback, private or
 *   link-local address unless the operator allows it) and then used for the connection itself, so
 *   a second resolution cannot point it elsewhere (DNS rebinding);
 * - redirects are not followed: a 3xx is the answer (a callback cannot send the signed request to
 *   another origin);
 * - one timeout for the whole exchange, and the body read up to a cap, failing as soon as it is
 *   passed rather than after reading it whole.
 * It answers with a standard `Response` holding the (capped) body.
 */
export function createGuardedFetch({
  allowLoopback = false,
  allowPrivate = false,
  timeoutMs = 10_000,
  maxResponseBytes = 2 * 1024 * 1024,
}: GuardedFetchOptions = {}): typeof fetch {
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

  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new OutboundRefusedError(`only http and https are fetched, not ${url.protocol}`)
    }
    const host = url.hostname.replace(/^\[|\]$/g, '')
    if (isIP(host) !== 0) {
      // An address literal is never looked up, so it is checked here.
      const refusal = refusalOf(host, policy)
      if (refusal) throw new OutboundRefusedError(refusal)
    }
    const headers = new Headers(init.headers)
    const body = init.body === undefined || init.body === null ? undefined : String(init.body)
    const signals = [AbortSignal.timeout(timeoutMs), ...(init.signal ? [init.signal] : [])]
    const signal = AbortSignal.any(signals)
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    return new Promise<Response>((resolve, reject) => {
      const request = send(
        url,
        {
          method: init.method ?? 'GET',
          headers: Object.fromEntries(headers),
          lookup,
          signal,
        },
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
          response.on('error', reject)
          response.on('end', () => {
            const status = response.statusCode ?? 502
            const responseHeaders = new Headers()
            for (const [name, value] of Object.entries(response.headers)) {
              if (typeof value === 'string') responseHeaders.set(name, value)
            }
            const noBody = status === 204 || status === 304
            resolve(
              new Response(noBody ? null : Buffer.concat(chunks), {
                status,
                headers: responseHeaders,
              }),
            )
          })
        },
      )
      request.on('error', reject)
      request.end(body)
    })
  }
}

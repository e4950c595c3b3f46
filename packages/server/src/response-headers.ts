import type { FastifyInstance } from 'fastify'

/**
 * The Content-Security-Policy of the API docs (/docs, Swagger UI): its own scripts and styles,
 * its inline styles, images from itself and data: URIs, and no framing by any page
 * (`frame-ancestors 'none'`, CSP Level 2 §7.7), so the docs cannot be overlaid in a clickjacking frame.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * Headers on every response: the request id (`X-Request-Id`, the id the node's log carries for
 * the request, so a client can quote it in a report) and `X-Content-Type-Options: nosniff` (no
 * browser guesses a JSON body to be HTML); on the API docs also the CSP above and
 * `X-Frame-Options: DENY` for browsers without CSP frame-ancestors.
 */
export function installResponseHeaders(app: FastifyInstance): void {
  // A callback hook: no promise per request.
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id)
    void reply.header('x-content-type-options', 'nosniff')
    const path = request.url.split('?')[0]!
    if (path === '/docs' || path.startsWith('/docs/')) {
      void reply.header('content-security-policy', DOCS_CSP)
      void reply.header('x-frame-options', 'DENY')
    }
    done()
  })
}

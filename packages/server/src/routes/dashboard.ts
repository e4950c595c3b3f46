import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync, FastifyReply } from 'fastify'

/** Where `npm run build:web` puts the dashboard (packages/web/dist). */
export const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url))

/** Dependencies of the dashboard routes. */
export interface DashboardRoutesOptions {
  /** The built dashboard; defaults to {@link DEFAULT_DASHBOARD_DIR}. */
  readonly distDir?: string
}

/**
 * The dashboard may load only from this node: the same origin for scripts, styles, data, the map
 * worker (a blob: URL MapLibre creates) and API calls. This enforces "no request to any other host".
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ')

function sendApp(reply: FastifyReply) {
  return reply
    .header('cache-control', 'no-cache')
    .header('content-security-policy', DASHBOARD_CSP)
    .type('text/html; charset=utf-8')
    .sendFile('index.html')
}

/**
 * Serves the built dashboard at `/`: hashed assets with long caching, and `index.html` for every
 * other GET path outside `/api` so the app's own routes (`/shipments/…`, `/bills/…`) survive a
 * reload. Unknown `/api` paths and missing asset files still get the JSON 404.
 */
export const dashboardRoutes: FastifyPluginAsync<DashboardRoutesOptions> = async (
  app,
  { distDir = DEFAULT_DASHBOARD_DIR },
) => {
  if (!existsSync(join(distDir, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .status(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>Landsea</title>' +
            '<p>The dashboard is not built. Run <code>npm run build:web</code> and restart the node. ' +
            'The API is at <a href="/docs">/docs</a>.</p>',
        ),
    )
    return
  }
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('content-security-policy', DASHBOARD_CSP)
      // Vite names assets by content hash: they never change under the same URL.
      res.setHeader(
        'cache-control',
        path.startsWith(join(distDir, 'assets'))
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      )
    },
  })
  app.get('/', { schema: { hide: true } }, async (_request, reply) => sendApp(reply))
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    // API paths and file-like paths (a missing asset) are real 404s, not app routes.
    if (path === '/api' || path.startsWith('/api/') || /\.[a-z0-9]+$/i.test(path)) {
      return reply.callNotFound()
    }
    return sendApp(reply)
  })
}

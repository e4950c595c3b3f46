import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installErrorHandler } from '../errors.js'
import { DASHBOARD_CSP, dashboardRoutes } from './dashboard.js'

async function appWith(distDir: string): Promise<FastifyInstance> {
  const app = Fastify()
  installErrorHandler(app)
  app.get('/api/node', async () => ({ name: 'test' }))
  await app.register(dashboardRoutes, { distDir })
  return app
}

describe('dashboard routes', () => {
  let dir: string
  let app: FastifyInstance

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'landsea-dashboard-'))
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>')
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)')
    app = await appWith(dir)
  })

  afterAll(async () => {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('serves the app at / with the same-origin content security policy', async () => {
    const res = await app.inject({ url: '/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/html/)
    expect(res.headers['content-security-policy']).toBe(DASHBOARD_CSP)
    expect(res.body).toContain('id="root"')
  })

  it('serves hashed assets as immutable', async () => {
    const res = await app.inject({ url: '/assets/index-abc123.js' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toContain('immutable')
  })

  it('falls back to index.html for app routes, so deep links survive a reload', async () => {
    for (const url of ['/shipments', '/bills/0193a1b2-c3d4', '/verify?x=1', '/ledger']) {
      const res = await app.inject({ url })
      expect(res.statusCode, url).toBe(200)
      expect(res.body).toContain('id="root"')
    }
  })

  it('keeps JSON 404s for unknown API routes and missing files', async () => {
    for (const url of ['/api/nope', '/api', '/assets/missing.js']) {
      const res = await app.inject({ url })
      expect(res.statusCode, url).toBe(404)
      expect(res.json().error.code).toBe('ROUTE_NOT_FOUND')
    }
    expect((await app.inject({ url: '/api/node' })).json()).toEqual({ name: 'test' })
  })

  it('explains how to build the dashboard when it is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'landsea-dashboard-empty-'))
    const bare = await appWith(empty)
    const res = await bare.inject({ url: '/' })
    expect(res.statusCode).toBe(503)
    expect(res.body).toContain('npm run build:web')
    await bare.close()
    rmSync(empty, { recursive: true, force: true })
  })
})

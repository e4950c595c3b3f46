import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildApp } from '@landsea/server'
import { createNode, seedDemo, type DemoSeed, type LandseaNode } from '@landsea/node'
import type { FastifyInstance } from 'fastify'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { expect } from 'vitest'

/** Debian's Chromium, installed by `.ci/run` when missing. */
export const CHROMIUM = '/usr/bin/chromium'

/** Whether the browser tests can run on this machine. */
export const hasChromium = existsSync(CHROMIUM)

const webDir = fileURLToPath(new URL('..', import.meta.url))

/**
 * Fills the open sign-in dialog with an organisation's API key and submits it, then waits until
 * the header names the organisation: the node checks the key first, and a page opened before that
 * would load signed out.
 */
export async function submitSignIn(
  page: Page,
  organisation: { readonly apiKey: string; readonly name: string },
): Promise<void> {
  await page.getByLabel('Organisation API key').fill(organisation.apiKey)
  await page.locator('dialog').getByRole('button', { name: 'Sign in' }).click()
  await expect
    .poll(() => page.getByTestId('signed-in-as').textContent())
    .toContain(organisation.name)
}

/** Where screenshots of the main screens go (git-ignored). */
export const SCREENSHOT_DIR = fileURLToPath(
  new URL('../../../test-output/screenshots/', import.meta.url),
)

/** The newest modification time (ms) of the files under a path. */
function newestMtimeMs(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtimeMs(join(path, name))),
    0,
  )
}

/**
 * Builds the dashboard into packages/web/dist when it is missing (fresh checkout, CI) or older than
 * its sources (the app's and core's, which the verifier and ledger screens compile in). Test files
 * run in parallel processes: one builds under a lock directory while the others wait for it, so no
 * page is ever served from a dist another process is rewriting.
 */
export async function ensureDashboardBuilt(): Promise<void> {
  const index = join(webDir, 'dist', 'index.html')
  const sources = [
    join(webDir, 'src'),
    join(webDir, 'index.html'),
    join(webDir, 'vite.config.ts'),
    join(webDir, '..', 'core', 'src'),
  ]
  const isFresh = () =>
    existsSync(index) && statSync(index).mtimeMs > Math.max(...sources.map(newestMtimeMs))
  const lock = join(webDir, '.dist-build.lock')
  for (;;) {
    if (isFresh()) return
    try {
      mkdirSync(lock)
    } catch {
      // Another process is building; a lock left by a crashed one is taken after five minutes.
      let age = 0
      try {
        age = Date.now() - statSync(lock).mtimeMs
      } catch {
        // released meanwhile
      }
      if (age > 300_000) rmSync(lock, { recursive: true, force: true })
      await new Promise((resolve) => setTimeout(resolve, 250))
      continue
    }
    try {
      if (!isFresh()) {
        const { build } = await import('vite')
        await build({ configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn' })
      }
    } finally {
      rmSync(lock, { recursive: true, force: true })
    }
    return
  }
}

/** A real node on a fresh SQLite database with the demo seed, listening on 127.0.0.1. */
export interface TestNode {
  readonly url: string
  readonly seed: DemoSeed
  readonly app: FastifyInstance
  readonly node: LandseaNode
  close(): Promise<void>
}

/**
 * Starts a node the way `npm start` does: createNode, seedDemo, buildApp, listen on a free port.
 * `withTracking` seeds the demo's tracking too (and so its emissions claim and green pledge).
 */
export async function startTestNode({
  name = 'Chongqing node',
  jurisdiction = 'CN',
  withTracking = false,
  platformCode,
}: {
  name?: string
  jurisdiction?: string
  withTracking?: boolean
  platformCode?: string
} = {}): Promise<TestNode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'landsea-e2e-'))
  const node = await createNode({
    dataDir,
    identity: { name, jurisdiction },
    outbound: { allowLoopback: true },
    ...(platformCode ? { platformCode } : {}),
  })
  const seed = await seedDemo(node, { withTracking })
  if (!seed) throw new Error('the fresh database was not empty')
  const app = await buildApp({ node })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (typeof address !== 'object' || !address) throw new Error('no listening address')
  return {
    url: `http://127.0.0.1:${address.port}`,
    seed,
    app,
    node,
    async close() {
      await app.close()
      await node.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A browser for the tests, and every URL it tried to load from a host other than the node. */
export interface TestBrowser {
  readonly context: BrowserContext
  readonly foreign: readonly string[]
  close(): Promise<void>
}

/**
 * Launches headless Chromium on a fresh profile, with no background traffic of its own, letting
 * requests reach the node only: anything for another host is aborted and recorded in `foreign`,
 * so a test can assert the dashboard talks to nobody else.
 */
export async function launchBrowser(nodeUrl: string): Promise<TestBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'landsea-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Asia/Shanghai',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // WebGL for the map through the software renderer (no GPU in CI).
      '--enable-unsafe-swiftshader',
    ],
  })
  const origin = new URL(nodeUrl).origin
  const foreign: string[] = []
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin) {
      return route.continue()
    }
    foreign.push(url)
    return route.abort()
  })
  return {
    context,
    foreign,
    async close() {
      await context.close()
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

/** Makes sure the screenshot folder exists and returns the path for a named screenshot. */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  return join(SCREENSHOT_DIR, `${name}.png`)
}

/**
 * Posts the corridor journey (core's tracking fixture: plans, customs release, rail CNCKG→CNQZH,
 * vessel out of Qinzhou) through `POST /api/events` as the carrier, shifted in time so the vessel
 * left Qinzhou `hoursSinceSailing` hours ago, under the bill reference `reference`.
 */
export async function ingestJourney({
  node,
  reference,
  hoursSinceSailing = 6,
}: {
  node: TestNode
  reference: string
  hoursSinceSailing?: number
}): Promise<{ accepted: number }> {
  const { default: journey } = await import('../src/lib/fixtures/corridor-journey.json', {
    with: { type: 'json' },
  })
  const sailedAt = Date.parse('2026-05-06T04:00:00Z')
  const shiftMs = Date.now() - hoursSinceSailing * 3_600_000 - sailedAt
  const shift = (iso: string) => new Date(Date.parse(iso) + shiftMs).toISOString()
  const events = (journey as Record<string, unknown>[]).map((e) => ({
    ...e,
    eventCreatedDateTime: shift(e.eventCreatedDateTime as string),
    eventDateTime: shift(e.eventDateTime as string),
    documentReferences: [{ documentReferenceType: 'TRD', documentReferenceValue: reference }],
  }))
  const response = await fetch(`${node.url}/api/events`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${node.seed.organisations.carrier.apiKey}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(events),
  })
  const body = (await response.json()) as { accepted?: unknown[] | number; rejected?: unknown[] }
  if (!response.ok) throw new Error(`ingest failed: ${response.status} ${JSON.stringify(body)}`)
  const accepted = Array.isArray(body.accepted) ? body.accepted.length : Number(body.accepted ?? 0)
  return { accepted }
}

/**
 * Peers two nodes both ways (`POST /api/ledger/peers` as each node's operator): each witnesses the
 * other's log, so a bundle exported by one carries the other's cosignature.
 */
export async function peerNodes(a: TestNode, b: TestNode): Promise<void> {
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    const response = await fetch(`${from.url}/api/ledger/peers`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${from.seed.organisations.operator.apiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ url: to.url }),
    })
    if (response.status !== 201) throw new Error(`peering failed: ${await response.text()}`)
  }
}

/** A Chongqing node and its Singapore peer, each witnessing the other's log. */
export interface PeeredNodes {
  readonly node: TestNode
  readonly peer: TestNode
  close(): Promise<void>
}

/** Starts a Chongqing node and a Singapore node and peers them both ways. */
export async function startPeeredNodes(): Promise<PeeredNodes> {
  const node = await startTestNode()
  const peer = await startTestNode({ name: 'Singapore node', jurisdiction: 'SG' })
  await peerNodes(node, peer)
  return {
    node,
    peer,
    async close() {
      await node.close()
      await peer.close()
    },
  }
}

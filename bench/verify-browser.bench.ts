import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { initEd25519Verifier } from '@landsea/core/crypto'
import { verifyBundle, type VerifyBundleOptions } from '@landsea/core/verify'
import { nodeEd25519Verify, nodeP256Verify, nodeSha256 } from '@landsea/node/crypto'
import { percentile, round } from './stats.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const CHROMIUM = '/usr/bin/chromium'
const SECONDS = 2
const ROUNDS = 3

// What the dashboard's verify page runs (packages/web/src/features/verify/verify-page.tsx):
// verifyBundle from core with WebCrypto's Ed25519 (browser-ed25519.ts); before, with libsodium's
// WebAssembly Ed25519 once initEd25519Verifier() ran, and before that in pure JS.
const ENTRY = `
import { createWebCryptoEd25519Verifier, initEd25519Verifier } from '@landsea/core/crypto'
import { verifyBundle } from '@landsea/core/verify'
window.landseaRate = async (text, seconds, mode, algorithms) => {
  if (mode !== 'js') await initEd25519Verifier()
  const ed25519Async = mode === 'webcrypto' ? await createWebCryptoEd25519Verifier() : undefined
  if (mode === 'webcrypto' && !ed25519Async) throw new Error('this Chromium has no WebCrypto Ed25519')
  const options = {
    witnessQuorum: 1,
    ...(ed25519Async ? { ed25519Async } : {}),
    ...(algorithms ? { identityAlgorithms: algorithms } : {}),
  }
  const first = await verifyBundle(text, options)
  if (!first.ok) throw new Error('does not verify: ' + JSON.stringify(first.firstFailure))
  for (let i = 0; i < 10; i++) await verifyBundle(text, options)
  let n = 0
  const start = performance.now()
  while (performance.now() - start < seconds * 1000) {
    await verifyBundle(text, options)
    n++
  }
  return (n * 1000) / (performance.now() - start)
}
`

async function rateInNode(text: string, options: VerifyBundleOptions): Promise<number> {
  for (let i = 0; i < 10; i++) await verifyBundle(text, options)
  let n = 0
  const start = performance.now()
  while (performance.now() - start < SECONDS * 1000) {
    await verifyBundle(text, options)
    n++
  }
  return (n * 1000) / (performance.now() - start)
}

/**
 * The dashboard's verifier in real Chromium (headless, /usr/bin/chromium) beside the CLI path
 * (`landsea verify`: native SHA-256 and Ed25519) in Node, in the same run: the demo consignee's
 * bundle with and without its identity evidence. Target (#14): the page ≥ 50% of the CLI's rate.
 */
export async function run(): Promise<void> {
  const billFile = join(tmpdir(), 'landsea-bench-demo', 'bill.json')
  if (!existsSync(CHROMIUM) || !existsSync(billFile)) {
    console.log(`skipped: needs ${CHROMIUM} and ${billFile} (npm run bench -- cold-start makes it)`)
    return
  }
  const { build } = await import('esbuild')
  const bundled = await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    conditions: ['browser', 'import'],
    external: ['crypto', 'path', 'fs'],
    minify: true,
  })
  const script = bundled.outputFiles[0]!.text
  const server = createServer((request, response) => {
    if (request.url === '/verifier.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' })
      response.end(script)
    } else {
      response.writeHead(200, { 'content-type': 'text/html' })
      response.end('<!doctype html><script type="module" src="/verifier.js"></script>')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  })
  try {
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${port}/`)
    await page.waitForFunction(() => 'landseaRate' in globalThis)
    await initEd25519Verifier()
    const withEvidence = readFileSync(billFile, 'utf8')
    const bare = JSON.stringify({ ...JSON.parse(withEvidence), credentials: [] })
    type Mode = 'js' | 'wasm' | 'webcrypto'
    const inPage = (text: string, mode: Mode, algorithms: readonly string[] | null) =>
      page.evaluate(
        ([t, s, m, a]) =>
          (
            globalThis as unknown as {
              landseaRate: (
                t: string,
                s: number,
                m: Mode,
                a: readonly string[] | null,
              ) => Promise<number>
            }
          ).landseaRate(t, s, m, a),
        [text, SECONDS, mode, algorithms] as const,
      )
    const SINGAPORE = ['EdDSA', 'ES256'] as const
    const rows = []
    for (const [name, text, algorithms] of [
      ['demo consignee bundle, evidence, Ed25519 suite', withEvidence, SINGAPORE],
      ['demo consignee bundle, evidence, every signature (SM2 too)', withEvidence, null],
      ['demo consignee bundle, no evidence', bare, null],
    ] as const) {
      const cli: VerifyBundleOptions = {
        sha256: nodeSha256,
        ed25519: nodeEd25519Verify,
        p256: nodeP256Verify,
        ...(algorithms ? { identityAlgorithms: algorithms } : {}),
      }
      const samples: number[][] = [[], [], [], []]
      // Pure JS first: libsodium, once loaded in the page, stays loaded.
      for (let r = 0; r < ROUNDS; r++) samples[0]!.push(await inPage(text, 'js', algorithms))
      for (let r = 0; r < ROUNDS; r++) {
        samples[1]!.push(await inPage(text, 'wasm', algorithms))
        samples[2]!.push(await inPage(text, 'webcrypto', algorithms))
        samples[3]!.push(await rateInNode(text, cli))
      }
      const [pure, wasm, webCrypto, node] = samples.map((s) => percentile(s, 50)) as [
        number,
        number,
        number,
        number,
      ]
      rows.push(
        {
          bundle: name,
          path: 'Chromium, pure JS (the page before)',
          'per s': round(pure, 0),
          '× CLI path': round(pure / node, 2),
          target: '',
        },
        {
          bundle: name,
          path: 'Chromium, libsodium wasm (the page before #14)',
          'per s': round(wasm, 0),
          '× CLI path': round(wasm / node, 2),
          target: '',
        },
        {
          bundle: name,
          path: 'Chromium, WebCrypto Ed25519 (the page now)',
          'per s': round(webCrypto, 0),
          '× CLI path': round(webCrypto / node, 2),
          target: '≥ 0.5',
        },
        {
          bundle: name,
          path: 'Node, CLI path (native SHA-256 + Ed25519)',
          'per s': round(node, 0),
          '× CLI path': 1,
          target: '',
        },
      )
    }
    console.log(
      `Bundle verification in Chromium vs the CLI path, medians of ${ROUNDS} × ${SECONDS} s (the Chromium paths and Node interleaved)`,
    )
    console.table(rows)
  } finally {
    await browser.close()
    server.close()
  }
}

import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
const root = fileURLToPath(new URL('..', import.meta.url))
const ENTRY = `
import sodium from 'libsodium-wrappers'
import { ed25519 } from '@noble/curves/ed25519.js'
import { sha256 } from '@noble/hashes/sha2.js'
window.go = async () => {
  await sodium.ready
  const seed = new Uint8Array(32).fill(7)
  const pk = ed25519.getPublicKey(seed)
  const msgs = Array.from({ length: 22 }, (_, i) => new TextEncoder().encode('message number ' + i + 'x'.repeat(300)))
  const sigs = msgs.map((m) => ed25519.sign(m, seed))
  const out = {}
  const time = async (label, fn, n) => { for (let i = 0; i < 5; i++) await fn(); const s = performance.now(); for (let i = 0; i < n; i++) await fn(); out[label] = ((performance.now() - s) / n * 1000).toFixed(0) + ' us per 22' }
  await time('wasm', () => { for (let i = 0; i < 22; i++) if (!sodium.crypto_sign_verify_detached(sigs[i], msgs[i], pk)) throw 1 }, 100)
  const key = await crypto.subtle.importKey('raw', pk, { name: 'Ed25519' }, false, ['verify'])
  await time('webcrypto seq (cached key)', async () => { for (let i = 0; i < 22; i++) if (!(await crypto.subtle.verify({ name: 'Ed25519' }, key, sigs[i], msgs[i]))) throw 1 }, 100)
  await time('webcrypto all (cached key)', async () => { const r = await Promise.all(msgs.map((m, i) => crypto.subtle.verify({ name: 'Ed25519' }, key, sigs[i], m))); if (r.includes(false)) throw 1 }, 100)
  await time('webcrypto all (import each)', async () => { const r = await Promise.all(msgs.map(async (m, i) => crypto.subtle.verify({ name: 'Ed25519' }, await crypto.subtle.importKey('raw', pk, { name: 'Ed25519' }, false, ['verify']), sigs[i], m))); if (r.includes(false)) throw 1 }, 100)
  const small = Array.from({ length: 160 }, () => crypto.getRandomValues(new Uint8Array(65)))
  await time('noble sha256 160x65B', () => { for (const b of small) sha256(b) }, 200)
  const big = crypto.getRandomValues(new Uint8Array(58000))
  await time('noble sha256 58KB', () => { sha256(big) }, 200)
  await time('subtle sha256 58KB', () => crypto.subtle.digest('SHA-256', big), 200)
  await time('subtle sha256 160x65B all', () => Promise.all(small.map((b) => crypto.subtle.digest('SHA-256', b))), 50)
  return out
}
`
const { build } = await import('esbuild')
const bundled = await build({ stdin: { contents: ENTRY, resolveDir: root, loader: 'js' }, bundle: true, write: false, format: 'esm', platform: 'browser', conditions: ['browser', 'import'], external: ['crypto', 'path', 'fs'], minify: true })
const script = bundled.outputFiles[0]!.text
const server = createServer((q, r) => { if (q.url === '/v.js') { r.writeHead(200, { 'content-type': 'text/javascript' }); r.end(script) } else { r.writeHead(200, { 'content-type': 'text/html' }); r.end('<!doctype html><script type="module" src="/v.js"></script>') } })
await new Promise<void>((res) => server.listen(0, '127.0.0.1', res))
const { port } = server.address() as AddressInfo
const { chromium } = await import('playwright-core')
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
const page = await browser.newPage()
await page.goto(`http://127.0.0.1:${port}/`)
await page.waitForFunction(() => 'go' in globalThis)
console.log(await page.evaluate(() => (globalThis as any).go()))
await browser.close(); server.close()

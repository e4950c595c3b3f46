import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const webDir = fileURLToPath(new URL('../packages/web/', import.meta.url))

/**
 * The dashboard's production bundle: every file Vite emits, raw and gzip size, and whether the
 * home screen (the corridor map) loads it at once or a later screen loads it on demand.
 */
export async function run(): Promise<void> {
  const { build } = await import('vite')
  const outDir = mkdtempSync(join(tmpdir(), 'landsea-web-bench-'))
  const startedMs = performance.now()
  await build({
    configFile: join(webDir, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
  })
  const buildSeconds = (performance.now() - startedMs) / 1000
  const html = readFileSync(join(outDir, 'index.html'), 'utf8')
  const files = ['index.html', ...readdirSync(join(outDir, 'assets')).map((f) => `assets/${f}`)]
  const rows = files.map((file) => {
    const bytes = readFileSync(join(outDir, file))
    const isWorker = file.includes('worker')
    const isInitial = file === 'index.html' || html.includes(file) || isWorker
    return {
      file: file.replace(/-[A-Za-z0-9_-]{8}\./, '.'),
      kB: Math.round(bytes.length / 102.4) / 10,
      gzipKB: Math.round(gzipSync(bytes).length / 102.4) / 10,
      loaded: isInitial ? (isWorker ? 'map (worker)' : 'initial') : 'on demand',
    }
  })
  rows.sort((a, b) => b.kB - a.kB)
  console.table(rows)
  const sum = (filter: (r: (typeof rows)[number]) => boolean, key: 'kB' | 'gzipKB') =>
    Math.round(rows.filter(filter).reduce((n, r) => n + r[key], 0) * 10) / 10
  console.table([
    {
      what: 'home screen (map) first load',
      kB: sum((r) => r.loaded !== 'on demand', 'kB'),
      gzipKB: sum((r) => r.loaded !== 'on demand', 'gzipKB'),
    },
    {
      what: 'loaded on demand (land 1:50m, verifier, …)',
      kB: sum((r) => r.loaded === 'on demand', 'kB'),
      gzipKB: sum((r) => r.loaded === 'on demand', 'gzipKB'),
    },
    { what: 'total', kB: sum(() => true, 'kB'), gzipKB: sum(() => true, 'gzipKB') },
    { what: `vite build time (s)`, kB: Math.round(buildSeconds * 10) / 10, gzipKB: NaN },
  ])
  rmSync(outDir, { recursive: true, force: true })
}

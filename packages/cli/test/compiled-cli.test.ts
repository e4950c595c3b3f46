import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { buildSampleBundle } from '../../core/src/verify/fixtures/sample-bundle.js'

const bin = fileURLToPath(new URL('../bin/landsea.js', import.meta.url))
const compiled = fileURLToPath(new URL('../dist/main.js', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'landsea-compiled-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function landsea(...args: string[]) {
  try {
    const { stdout } = await promisify(execFile)('node', [bin, ...args], {
      env: { ...process.env, LANDSEA_TSX: '0' },
    })
    return { stdout, exitCode: 0 }
  } catch (error) {
    const { stdout, code } = error as { stdout: string; code: number }
    return { stdout, exitCode: code }
  }
}

// `npm ci` builds dist/ (the root `prepare` script); bin/landsea.js runs it, without tsx.
describe('the compiled CLI', () => {
  it('is built, lists every command and verifies a bundle, refusing a changed byte', async () => {
    expect(existsSync(compiled)).toBe(true)
    const help = await landsea('--help')
    expect(help.exitCode).toBe(0)
    for (const name of ['start', 'demo', 'ebl', 'verify', 'vc', 'trust', 'witness'])
      expect(help.stdout).toContain(`  ${name} `)
    const bundle = await buildSampleBundle({ count: 3 })
    writeFileSync(join(dir, 'bill.json'), JSON.stringify(bundle))
    const document = { ...bundle.document, transportDocumentReference: 'CHANGED' }
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify({ ...bundle, document }))
    const valid = await landsea('verify', join(dir, 'bill.json'))
    expect(valid.stdout).toContain('VALID')
    expect(valid.exitCode).toBe(0)
    const tampered = await landsea('verify', join(dir, 'tampered.json'), '--json')
    expect(tampered.exitCode).toBe(1)
    expect(JSON.parse(tampered.stdout).ok).toBe(false)
  })
})

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startNode } from '@landsea/server'
import { describe, expect, it } from 'vitest'
import { run, withoutDatabaseUrl } from './run-cli.js'

describe('landsea ebl export, verify and witness', () => {
  withoutDatabaseUrl()

  it('exports a bundle that verifies, and fails on a changed byte or a missing witness', async () => {
    const data = mkdtempSync(join(tmpdir(), 'landsea-ledger-cli-'))
    const demo = await run('demo', '--data', data)
    expect(demo.exitCode, demo.stderr).toBe(0)
    const id = /ebl history (\S+)/.exec(demo.stdout)![1]!
    const file = join(data, 'bill.bundle.json')
    const exported = await run('ebl', 'export', id, '-o', file, '--data', join(data, 'chongqing'))
    expect(exported.exitCode, exported.stderr).toBe(0)

    const offline = await run('verify', file, '--quorum', '0')
    expect(offline.exitCode, offline.stdout + offline.stderr).toBe(0)
    expect(offline.stdout).toContain('VALID')
    expect(offline.stdout).toMatch(/Title: SURRENDERED_FOR_DELIVERY/)

    // The demo's Singapore node witnessed the Chongqing log: the default quorum of one is met, two is not.
    const witnessed = await run('verify', file, '--json')
    expect(witnessed.exitCode, witnessed.stdout).toBe(0)
    const unwitnessed = await run('verify', file, '--quorum', '2', '--json')
    expect(unwitnessed.exitCode).toBe(1)
    expect(JSON.parse(unwitnessed.stdout).firstFailure.name).toBe('witnesses')

    const text = readFileSync(file, 'utf8')
    const at = text.indexOf('"jws": "') + 20
    writeFileSync(file, text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1))
    const tampered = await run('verify', file, '--quorum', '0', '--json')
    expect(tampered.exitCode).toBe(1)
    expect(JSON.parse(tampered.stdout).firstFailure.name).toBe('signatures')

    const missing = await run('verify', join(data, 'nope.json'))
    expect(missing.exitCode).toBe(1)
    expect(missing.stderr).toContain('VERIFY_FILE_UNREADABLE')

    const evidence = await run('witness', 'evidence', '--data', join(data, 'chongqing'), '--json')
    expect(JSON.parse(evidence.stdout)).toEqual({ evidence: [] })
  }, 60_000)

  it('checks freshness online: consistent log growth, and whether the bill moved', async () => {
    const data = mkdtempSync(join(tmpdir(), 'landsea-ledger-online-'))
    const running = await startNode({ port: 0, dataDir: data, checkpointIntervalMs: 0 })
    try {
      const seed = running.seeded!
      const bill = seed.bills.find((b) => b.stage.startsWith('issued'))!
      const file = join(data, 'b.json')
      const res = await running.app.inject({
        method: 'GET',
        url: `/api/ebl/${bill.id}/bundle`,
        headers: { authorization: `Bearer ${seed.organisations.shipper.apiKey}` },
      })
      writeFileSync(file, res.body)
      const fresh = await run('verify', file, '--quorum', '0', '--online', running.url, '--json')
      expect(JSON.parse(fresh.stdout).freshness, fresh.stderr).toMatchObject({ status: 'pass' })
      expect(fresh.exitCode).toBe(0)

      await running.app.inject({
        method: 'POST',
        url: `/api/ebl/${bill.id}/actions`,
        headers: { authorization: `Bearer ${seed.organisations.shipper.apiKey}` },
        payload: { action: 'ENDORSE_TO_ORDER', recipient: seed.organisations.cnBank.id },
      })
      await running.app.inject({
        method: 'POST',
        url: '/api/ledger/checkpoint',
        headers: { authorization: `Bearer ${seed.organisations.operator.apiKey}` },
      })
      const stale = await run('verify', file, '--quorum', '0', '--online', running.url)
      expect(stale.exitCode).toBe(1)
      expect(stale.stdout).toContain('1 newer action')
    } finally {
      await running.close()
    }
  }, 60_000)

  it('has help for every ledger command', async () => {
    for (const args of [
      ['verify'],
      ['ebl', 'export'],
      ['witness', 'serve'],
      ['witness', 'peer'],
      ['witness', 'evidence'],
    ]) {
      const help = await run(...args, '--help')
      expect(help.stdout).toContain('Usage:')
    }
  })
})

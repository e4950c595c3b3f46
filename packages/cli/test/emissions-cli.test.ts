import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run, withoutDatabaseUrl } from './run-cli.js'

describe('landsea emissions', () => {
  let data: string
  withoutDatabaseUrl()
  beforeEach(() => {
    data = mkdtempSync(join(tmpdir(), 'landsea-cli-'))
  })
  afterEach(() => {
    process.exitCode = undefined
  })

  it('has help for claim and report', async () => {
    const help = await run('emissions', 'report', '--help')
    expect(help.exitCode).toBe(0)
    expect(help.stdout).toContain('--csv')
    expect((await run('emissions', 'claim', '--help')).stdout).toContain('--teu')
  })

  it('refuses a claim for a shipment without events, and a bad period, with a message and a non-zero exit', async () => {
    const claim = await run('emissions', 'claim', 'NOSUCHREF', '--data', data)
    expect(claim.exitCode).not.toBe(0)
    expect(claim.stderr).toContain('EMISSIONS_INCOMPLETE')
    const report = await run(
      'emissions',
      'report',
      '--data',
      data,
      '--org',
      'x',
      '--from',
      '2026-13-01',
      '--to',
      '2026-12-01',
    )
    expect(report.exitCode).not.toBe(0)
    expect(report.stderr).toContain('--from 2026-13-01')
  })
})

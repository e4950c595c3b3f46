import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run, withoutDatabaseUrl } from './run-cli.js'

describe('landsea CLI', () => {
  let data: string
  withoutDatabaseUrl()
  beforeEach(() => {
    data = mkdtempSync(join(tmpdir(), 'landsea-cli-'))
  })
  afterEach(() => {
    process.exitCode = undefined
  })

  it('runs the demo journey and verifies it', async () => {
    const { stdout, exitCode } = await run('demo', '--data', join(data, 'demo'))
    expect(exitCode).toBe(0)
    expect(stdout).toContain('12. The carrier accepts the surrender on its node')
    expect(stdout).toContain('(PINT to the Singapore node)')
    expect(stdout).toMatch(/consignee exports its bundle .* verifies offline/)
    expect(stdout).toMatch(/✓ crossing\s+2 chain entries signed by LSCQ, LSSG/)
    expect(stdout).toContain('train departs CNCKG')
    expect(stdout).toMatch(/ETA SGSIN: P10 .* P50 .* P90/)
    expect(stdout).toMatch(/✓ witnesses\s+1 of 1 required cosignatures/)
    expect(stdout).toContain('→ SURRENDERED_FOR_DELIVERY, possessor carrier')
    expect(stdout).toContain('is refused at "documentChecksum"')
    // The bill crossed to Singapore and back by PINT: one register entry on each side, reported.
    expect(stdout).toContain(
      'left the Chongqing node, one register entry per crossing (each a ledger leaf, all proven)',
    )
    expect(stdout).toMatch(/ {2}leaf \d+ {2}pint → pint:LSSG \(SG\), sent in full/)
    expect(stdout).toMatch(/ {2}leaf \d+ {2}pint → pint:LSCQ \(CN\), sent in full/)
    expect(stdout).toMatch(/Report \d{4}: Bank of Chongqing .* → SG: 1 transfer\(s\)/)
    expect(stdout).not.toContain('✗')
    // The consignee's multi-log bundle from the Singapore node, verified offline by the CLI.
    const verified = await run('verify', join(data, 'demo', 'consignee-bundle.json'))
    expect(verified.exitCode).toBe(0)
    expect(verified.stdout).toMatch(/crossing/)
    // Two nodes, each seeding its identity demo, on a shared machine: more than the default minute.
  }, 240_000)

  it('creates organisations, issues, acts and shows, with --json for scripts', async () => {
    const carrier = JSON.parse(
      (
        await run(
          'org',
          'create',
          '--data',
          data,
          '--name',
          'Test Carrier',
          '--country',
          'CN',
          '--role',
          'carrier',
          '--identifier',
          'USCC:91350100M000100Y43',
          '--json',
        )
      ).stdout,
    )
    expect(carrier.apiKey).toMatch(/^lsk_/)
    await run(
      'org',
      'create',
      '--data',
      data,
      '--name',
      'Test Shipper',
      '--country',
      'CN',
      '--role',
      'SHIPPER',
      '--alg',
      'ES256',
    )
    await run(
      'org',
      'create',
      '--data',
      data,
      '--name',
      'Test Bank',
      '--country',
      'SG',
      '--role',
      'BANK',
    )
    const list = await run('org', 'list', '--data', data)
    expect(list.stdout).toContain('Test Shipper')
    const issued = await run(
      'ebl',
      'issue',
      '--data',
      data,
      '--as',
      'test carrier',
      '--to',
      'Shipper',
      '--sample',
      'CLITEST1',
      '--json',
    )
    expect(issued.exitCode).toBe(0)
    const id = JSON.parse(issued.stdout).record.id
    expect(
      (
        await run(
          'ebl',
          'act',
          id,
          'ENDORSE_TO_ORDER',
          '--data',
          data,
          '--as',
          'Shipper',
          '--to',
          'Bank',
        )
      ).exitCode,
    ).toBe(0)
    const pledged = await run(
      'ebl',
      'act',
      id,
      'TRANSFER',
      '--pledge',
      'PLEDGE',
      '--data',
      data,
      '--as',
      'Shipper',
      '--to',
      'Bank',
    )
    expect(pledged.stdout).toContain('TRANSFER accepted')
    const shown = await run('ebl', 'show', id, '--data', data)
    expect(shown.stdout).toMatch(/possessor\s+Test Bank/)
    expect(shown.stdout).toContain('CNCKG (RAIL) → CNQZH → SGSIN')
    const history = JSON.parse((await run('ebl', 'history', id, '--data', data, '--json')).stdout)
    expect(history.map((e: { payload: { action: string } }) => e.payload.action)).toEqual([
      'ISSUE',
      'ENDORSE_TO_ORDER',
      'TRANSFER',
    ])
  })

  it('exits non-zero with a readable message on bad input', async () => {
    const missing = await run('ebl', 'show', 'no-such-bill', '--data', data)
    expect(missing.exitCode).toBe(1)
    expect(missing.stderr).toContain('error EBL_NOT_FOUND')
    const usage = await run('ebl', 'act', 'x', 'STEAL', '--as', 'y', '--data', data)
    expect(usage.exitCode).toBe(2)
    await run(
      'org',
      'create',
      '--data',
      data,
      '--name',
      'C',
      '--country',
      'CN',
      '--role',
      'CARRIER',
    )
    const file = join(data, 'bad.json')
    writeFileSync(
      file,
      JSON.stringify({ transportDocumentReference: 'X', transportDocumentStatus: 'DRAFT' }),
    )
    const invalid = await run(
      'ebl',
      'issue',
      '--data',
      data,
      '--as',
      'C',
      '--to',
      'C',
      '--file',
      file,
    )
    expect(invalid.exitCode).toBe(1)
    expect(invalid.stderr).toContain('error EBL_VALIDATION_FAILED')
    expect(invalid.stderr).toContain('/transports: transports is required')
    writeFileSync(file, '{ not json')
    const unreadable = await run(
      'ebl',
      'issue',
      '--data',
      data,
      '--as',
      'C',
      '--to',
      'C',
      '--file',
      file,
    )
    expect(unreadable.stderr).toContain('error FILE_UNREADABLE')
    expect(readFileSync(file, 'utf8')).toBe('{ not json')
  })

  it('has --help on every command', async () => {
    const { createProgram } = await import('../src/program.js')
    const walk = (c: import('commander').Command): string[] => [
      c.name(),
      ...c.commands.flatMap(walk),
    ]
    const names = walk(await createProgram())
    expect(names).toEqual(
      expect.arrayContaining([
        'start',
        'demo',
        'org',
        'create',
        'list',
        'ebl',
        'issue',
        'show',
        'history',
        'act',
      ]),
    )
    const help = await run('ebl', 'act', '--help')
    expect(help.exitCode).toBe(0)
    expect(help.stdout).toContain('--as <org>')
  })
})

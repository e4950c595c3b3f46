import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { run } from './run-cli.js'

describe('landsea simulate, events import, eta evaluate', () => {
  // Each test gets its own SQLite folder; --database-url would otherwise default to DATABASE_URL
  // and share one PostgreSQL database between runs (the stores run on both in their own suites).
  beforeAll(() => {
    delete process.env.DATABASE_URL
  })
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'landsea-tracking-'))
  })

  it('simulates reproducibly to NDJSON and imports it idempotently', async () => {
    const file = join(dir, 'events.ndjson')
    const args = ['simulate', '--seed', '3', '--from', '2025-01-01', '--to', '2025-01-08']
    const sim = await run(...args, '--out', file, '--json')
    expect(sim.exitCode).toBe(0)
    const summary = JSON.parse(sim.stdout)
    expect(summary.events).toBeGreaterThan(100)
    const again = await run(...args)
    expect(again.stdout.split('\n').filter(Boolean)).toHaveLength(summary.events)

    const first = await run('events', 'import', file, '--data', dir, '--json')
    expect(JSON.parse(first.stdout)).toMatchObject({ accepted: summary.events, rejected: 0 })
    const second = await run('events', 'import', file, '--data', dir, '--json')
    expect(JSON.parse(second.stdout)).toMatchObject({ accepted: 0, duplicates: summary.events })
  })

  it('reports rejected events with their reasons, keeps the valid ones and exits 1 (events import exit status)', async () => {
    const file = join(dir, 'mixed.json')
    const sim = JSON.parse(
      (
        await run(
          'simulate',
          '--seed',
          '4',
          '--from',
          '2025-02-01',
          '--to',
          '2025-02-02',
          '--out',
          '-',
        )
      ).stdout.split('\n')[0]!,
    )
    writeFileSync(file, JSON.stringify([sim, { ...sim, eventID: 'x' }]))
    const res = await run('events', 'import', file, '--data', dir)
    expect(res.stdout).toContain('2 events read: 1 accepted, 0 already known, 1 rejected')
    expect(res.stdout).toContain('TRACKING_FIELD_INVALID')
    // Exit status: an import that refused events fails, so scripts notice.
    expect(res.exitCode).toBe(1)
    expect(res.stderr).toContain('error EVENTS_REJECTED: 1 of 2 events were not imported')
    const missing = await run('events', 'import', join(dir, 'nope.json'), '--data', dir)
    expect(missing.exitCode).toBe(1)
    expect(missing.stderr).toContain('FILE_UNREADABLE')
  })

  it('refuses to evaluate a node without history, and simulates only when asked', async () => {
    const empty = await run('eta', 'evaluate', '--data', dir, '--json')
    expect(empty.exitCode).toBe(1)
    expect(empty.stderr).toContain('ETA_NO_HISTORY')
    expect(empty.stderr).toContain('--simulate')
    expect(empty.stdout).toBe('')
  })

  it('evaluates the ETA on the node history and prints the documented JSON', async () => {
    const imported = await run(
      'simulate',
      '--import',
      '--seed',
      '7',
      '--from',
      '2024-01-01',
      '--to',
      '2025-03-01',
      '--per-day',
      '3',
      '--data',
      dir,
      '--json',
    )
    expect(imported.exitCode).toBe(0)
    const res = await run('eta', 'evaluate', '--data', dir, '--json')
    expect(res.exitCode).toBe(0)
    const body = JSON.parse(res.stdout)
    expect(Object.keys(body)).toEqual(['horizons'])
    for (const h of body.horizons) {
      expect(Object.keys(h)).toEqual([
        'route',
        'horizon',
        'shipments',
        'maeHoursP50',
        'baselineMaeHours',
        'coverageP10P90',
      ])
    }
    const rows = body.horizons as { route: string; horizon: string; shipments: number }[]
    expect(rows.map((h) => `${h.route} ${h.horizon}`)).toEqual(
      expect.arrayContaining([
        'CNCKG>CNQZH>SGSIN DEPA RAIL CNCKG',
        'CNCKG>CNQZH>SGSIN ARRI RAIL CNQZH',
        'CNCKG>CNQZH>SGSIN DEPA VESSEL CNQZH',
        'CNCKG>CNQZH>SGSIN>MYPKG ARRI VESSEL SGSIN',
        'CNCKG>VNHAN DEPA RAIL CNCKG',
        'all all',
      ]),
    )
    const overall = body.horizons.at(-1)
    expect(overall.maeHoursP50).toBeLessThan(overall.baselineMaeHours)
  })

  it('has help for every command', async () => {
    for (const args of [
      ['events', 'import', '--help'],
      ['simulate', '--help'],
      ['eta', 'evaluate', '--help'],
    ]) {
      const res = await run(...args)
      expect(res.stdout).toContain('Usage: landsea')
    }
  })
})

import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultPrivacyPolicy } from '@landsea/core/privacy'
import { createNode, seedDemo } from '@landsea/node'
import { beforeEach, describe, expect, it } from 'vitest'
import { run, withoutDatabaseUrl } from './run-cli.js'

describe('landsea privacy', () => {
  withoutDatabaseUrl()
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'landsea-privacy-'))
  })

  it('shows the default policy, sets one from a file, and refuses a bad field with its line', async () => {
    const shown = await run('privacy', 'policy', 'show', '--data', dir, '--json')
    expect(shown.exitCode).toBe(0)
    expect(JSON.parse(shown.stdout)).toEqual(defaultPrivacyPolicy('CN'))

    const good = join(dir, 'policy.json')
    writeFileSync(
      good,
      JSON.stringify({ ...defaultPrivacyPolicy('CN'), revision: '2026-12' }, null, 2),
    )
    const set = await run('privacy', 'policy', 'set', good, '--data', dir)
    expect(set).toMatchObject({ exitCode: 0, stdout: 'policy 2026-12 (CN) set\n' })

    const bad = join(dir, 'bad.json')
    const text = JSON.stringify({ ...defaultPrivacyPolicy('CN'), ciio: 'no' }, null, 2)
    writeFileSync(bad, text)
    const refused = await run('privacy', 'policy', 'set', bad, '--data', dir)
    const line = text.split('\n').findIndex((l) => l.includes('"ciio"')) + 1
    expect(refused.exitCode).not.toBe(0)
    expect(refused.stderr).toContain(`error PRIVACY_POLICY_INVALID: line ${line}: /ciio`)
    const unknown = join(dir, 'unknown.json')
    writeFileSync(unknown, JSON.stringify({ ...defaultPrivacyPolicy('CN'), jurisdiction: 'MY' }))
    expect((await run('privacy', 'policy', 'set', unknown, '--data', dir)).stderr).toContain(
      'error PRIVACY_JURISDICTION_UNKNOWN',
    )
    // Nothing half-written: the stored policy is still the good one.
    const after = await run('privacy', 'policy', 'show', '--data', dir, '--json')
    expect(JSON.parse(after.stdout).revision).toBe('2026-12')
  })

  it('reports the year as JSON and CSV and finds a person’s transfers by e-mail', async () => {
    const node = await createNode({
      dataDir: dir,
      identity: { name: 'CN node', jurisdiction: 'CN' },
    })
    await node.privacy.checkOutbound({
      channel: 'pint',
      exporter: 'org-cq',
      recipient: 'sg-platform',
      recipientCountry: 'SG',
      purpose: 'title-transfer',
      payload: { partyContactDetails: [{ name: 'Li Wei', email: 'Li.Wei@example.cn' }] },
    })
    await node.close()
    const year = String(new Date().getUTCFullYear())
    const json = await run('privacy', 'report', '--year', year, '--data', dir, '--json')
    expect(JSON.parse(json.stdout).rows).toEqual([
      expect.objectContaining({ exporter: 'org-cq', recipientCountry: 'SG', subjects: 1 }),
    ])
    const csv = await run('privacy', 'report', '--year', year, '--data', dir, '--csv')
    expect(csv.stdout.split('\r\n')[1]).toBe('org-cq,SG,1,1,1,contact,pipl-volume-exemption,0.0000')
    const access = await run(
      'privacy',
      'subject-access',
      'li.wei@example.cn',
      '--data',
      dir,
      '--json',
    )
    expect(JSON.parse(access.stdout).transfers).toHaveLength(1)
    const nobody = await run('privacy', 'subject-access', 'tan@example.sg', '--data', dir)
    expect(nobody.stdout).toBe('this node holds nothing on this person\n')
    expect((await run('privacy', 'report', '--year', 'last', '--data', dir)).exitCode).not.toBe(0)
  })

  it('finds a person’s bills by --email, refuses erasure under retention, logs reads', async () => {
    const node = await createNode({
      dataDir: dir,
      identity: { name: 'CN node', jurisdiction: 'CN' },
    })
    await seedDemo(node, { withTracking: false })
    await node.close()
    const access = await run(
      'privacy',
      'subject-access',
      '--email',
      'DESK@carrier.example',
      '--data',
      dir,
      '--json',
    )
    expect(access.exitCode).toBe(0)
    const report = JSON.parse(access.stdout)
    expect(report.records.length).toBeGreaterThan(0)
    expect(report.records[0].fields).toContainEqual(
      expect.objectContaining({ value: 'desk@carrier.example' }),
    )
    const refused = await run('privacy', 'erase', '--email', 'desk@carrier.example', '--data', dir)
    expect(refused.exitCode).not.toBe(0)
    expect(refused.stderr).toContain('error PRIVACY_RETENTION_ACTIVE')
    expect(refused.stderr).toContain('shipping-record')
    const erasures = await run('privacy', 'erasures', '--apply-due', '--data', dir)
    expect(erasures.stdout).toContain('0 due erasure(s) applied')
    expect(erasures.stdout).toContain('pending')
    expect((await run('privacy', 'erase', '--data', dir)).exitCode).not.toBe(0)
    const log = await run('privacy', 'access-log', '--data', dir)
    expect(log).toMatchObject({ exitCode: 0, stdout: 'no reads of personal data are logged\n' })
  })
})

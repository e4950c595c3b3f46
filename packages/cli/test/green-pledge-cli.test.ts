import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simulateBookings } from '@landsea/core/simulation'
import { toBatchItems } from '@landsea/core/tracking'
import { createNode, seedDemo, type DemoSeed } from '@landsea/node'
import { beforeAll, describe, expect, it } from 'vitest'
import { run, withoutDatabaseUrl } from './run-cli.js'

describe('landsea ebl act --green-claim', () => {
  let dir: string
  let data: string
  let seed: DemoSeed
  withoutDatabaseUrl()
  beforeAll(async () => {
    delete process.env.DATABASE_URL
    dir = mkdtempSync(join(tmpdir(), 'landsea-green-cli-'))
    data = join(dir, 'node')
    const node = await createNode({ dataDir: data, checkpointIntervalMs: 0 })
    seed = (await seedDemo(node, { withTracking: false }))!
    // The shipment of the bill issued to the shipper has arrived: it can be claimed.
    const bill = seed.bills.find((b) => b.stage === 'issued to the shipper')!
    const { events } = simulateBookings({
      seed: 12,
      nowMs: Date.now(),
      bookings: [
        { bookedMs: Date.now() - 30 * 86_400_000, transportDocumentReference: bill.reference },
      ],
    })
    const report = await node.tracking.ingest(toBatchItems(events))
    expect(report.accepted).toBeGreaterThan(0)
    await node.close()
  })

  it('has help naming the option', async () => {
    const help = await run('ebl', 'act', '--help')
    expect(help.exitCode).toBe(0)
    expect(help.stdout).toContain('--green-claim <claimId>')
  })

  it('pledges green-linked to the claim; the exported bundle verifies with its greenPledge step', async () => {
    const bill = seed.bills.find((b) => b.stage === 'issued to the shipper')!
    const claim = JSON.parse(
      (await run('emissions', 'claim', bill.reference, '--teu', '2', '--data', data, '--json'))
        .stdout,
    )
    expect(claim.id).toMatch(/^urn:uuid:/)
    const bank = seed.organisations.cnBank.id
    const shipper = seed.organisations.shipper.id
    const act = (...args: string[]) => run('ebl', 'act', bill.id, ...args, '--data', data)

    const noPledge = await act('TRANSFER', '--as', shipper, '--to', bank, '--green-claim', claim.id)
    expect(noPledge.exitCode).not.toBe(0)
    expect(noPledge.stderr).toContain('--green-claim goes with --pledge PLEDGE')
    expect((await act('ENDORSE_TO_ORDER', '--as', shipper, '--to', bank)).exitCode).toBe(0)
    const wrong = await act(
      ...['TRANSFER', '--as', shipper, '--to', bank, '--pledge', 'PLEDGE'],
      ...['--green-claim', 'urn:uuid:6c1f0a3e-92b4-4d1e-8f57-3a9b0e2c4d10'],
    )
    expect(wrong.exitCode).not.toBe(0)
    expect(wrong.stderr).toContain('EMISSIONS_CLAIM_MISMATCH')
    const pledged = await act(
      ...['TRANSFER', '--as', shipper, '--to', bank, '--pledge', 'PLEDGE'],
      ...['--green-claim', claim.id],
    )
    expect(pledged.exitCode, pledged.stderr).toBe(0)
    expect(pledged.stdout).toContain('TRANSFER (green-linked) accepted')

    const file = join(dir, 'green.bundle.json')
    expect((await run('ebl', 'export', bill.id, '--data', data, '-o', file)).exitCode).toBe(0)
    const verified = await run('verify', file, '--quorum', '0', '--json')
    expect(verified.exitCode, verified.stdout).toBe(0)
    const result = JSON.parse(verified.stdout)
    expect(result.steps.at(-1)).toMatchObject({ name: 'greenPledge', status: 'pass' })
  })
})

import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createNode, seedDemo, type DemoSeed, type LandseaNode } from '@landsea/node'
import { buildApp } from '@landsea/server'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { run, withoutDatabaseUrl } from './run-cli.js'

describe('landsea platform / pint / ebl act --platform, to a Singapore node listening on 127.0.0.1', () => {
  withoutDatabaseUrl()
  const dir = mkdtempSync(join(tmpdir(), 'landsea-pint-cli-'))
  const cqData = join(dir, 'cq')
  let sgNode: LandseaNode
  let sgApp: FastifyInstance
  let sgUrl: string
  let cqSeed: DemoSeed

  beforeAll(async () => {
    // The receiver listens on this machine: the operator allows loopback targets.
    vi.stubEnv('LANDSEA_OUTBOUND_ALLOW', 'loopback')
    const cq = await createNode({
      dataDir: cqData,
      platformCode: 'LSCQ',
      identity: { name: 'Chongqing node' },
    })
    cqSeed = (await seedDemo(cq, { withTracking: false }))!
    await cq.close()
    sgNode = await createNode({
      dataDir: join(dir, 'sg'),
      platformCode: 'LSSG',
      identity: { name: 'Singapore node', jurisdiction: 'SG' },
    })
    await seedDemo(sgNode, { withTracking: false })
    sgApp = await buildApp({ node: sgNode })
    sgUrl = await sgApp.listen({ port: 0, host: '127.0.0.1' })
  })

  afterAll(async () => {
    vi.unstubAllEnvs()
    await sgApp?.close()
    await sgNode?.close()
  })

  it('exchanges platform keys, sends a bill across and shows it in the outbox and the inbox', async () => {
    const self = await run('platform', 'self', '--data', cqData, '--json')
    expect(self.exitCode, self.stderr).toBe(0)
    const cqPlatform = JSON.parse(self.stdout)
    expect(cqPlatform.code).toBe('LSCQ')
    await sgNode.pint.addPlatform({
      code: 'LSCQ',
      name: 'Chongqing node',
      url: 'http://127.0.0.1:9',
      jwks: cqPlatform.jwks,
      parties: [],
    })

    const sgKeys = join(dir, 'lssg.json')
    writeFileSync(sgKeys, JSON.stringify(await sgNode.pint.platform()))
    const added = await run(
      'platform',
      'add',
      'LSSG',
      '--data',
      cqData,
      '--name',
      'Singapore node',
      '--url',
      sgUrl,
      '--jwks',
      sgKeys,
      '--party',
      'ZZZ/UEN:201912345R',
    )
    expect(added.exitCode, added.stderr).toBe(0)
    const listed = JSON.parse((await run('platform', 'list', '--data', cqData, '--json')).stdout)
    expect(
      listed.map((p: { code: string; parties: unknown[] }) => [p.code, p.parties.length]),
    ).toEqual([['LSSG', 1]])

    const bill = cqSeed.bills.find((b) => b.stage === 'issued to the shipper')!
    const sent = await run(
      'ebl',
      'act',
      bill.id,
      'ENDORSE_TO_ORDER',
      '--data',
      cqData,
      '--as',
      'Cloudpeak',
      '--to',
      'ZZZ/UEN:201912345R',
      '--platform',
      'LSSG',
      '--json',
    )
    expect(sent.exitCode, sent.stderr).toBe(0)
    expect(JSON.parse(sent.stdout)).toMatchObject({
      status: 'TRANSFERRED',
      responseCode: 'RECE',
      platform: 'LSSG',
    })

    const outbox = JSON.parse((await run('pint', 'outbox', '--data', cqData, '--json')).stdout)
    expect(
      outbox.map((t: { documentId: string; status: string }) => [t.documentId, t.status]),
    ).toEqual([[bill.id, 'TRANSFERRED']])
    const inbox = await sgNode.pint.inbox()
    expect(inbox.map((r) => [r.sender, r.status])).toEqual([['LSCQ', 'ACCEPTED']])

    // The bill is locked here now: a local action is refused.
    const local = await run(
      'ebl',
      'act',
      bill.id,
      'ENDORSE_TO_ORDER',
      '--data',
      cqData,
      '--as',
      'Cloudpeak',
      '--to',
      'Bank of Chongqing',
    )
    expect(local.exitCode).not.toBe(0)
  })

  it('refuses bad input with a message and a non-zero exit', async () => {
    const bill = cqSeed.bills.find((b) => b.stage === 'pledged to the Chongqing bank under an L/C')!
    const badCode = await run(
      'ebl',
      'act',
      bill.id,
      'TRANSFER',
      '--data',
      cqData,
      '--as',
      'Bank of Chongqing',
      '--to',
      'nonsense',
      '--platform',
      'LSSG',
    )
    expect(badCode.exitCode).not.toBe(0)
    expect(badCode.stderr).toContain('PARTY_CODE_INVALID')
    const unknown = await run(
      'ebl',
      'act',
      bill.id,
      'TRANSFER',
      '--data',
      cqData,
      '--as',
      'Bank of Chongqing',
      '--to',
      'GLEIF:5493001KJTIIGC8Y1R12',
      '--platform',
      'BOLE',
    )
    expect(unknown.stderr).toContain('PINT_UNKNOWN_PLATFORM')
    const removed = await run('platform', 'remove', 'BOLE', '--data', cqData)
    expect(removed.exitCode).not.toBe(0)
    const help = await run('pint', 'outbox', '--help')
    expect(help.stdout).toContain('--status')
  })
})

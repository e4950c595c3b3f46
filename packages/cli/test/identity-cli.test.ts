import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { computeLeiCheckDigits } from '@landsea/core/identity'
import { createNode, seedDemo } from '@landsea/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from './run-cli.js'

describe('landsea vc, trust and org join', () => {
  let data: string
  let dir: string
  const databaseUrl = process.env.DATABASE_URL
  beforeAll(async () => {
    delete process.env.DATABASE_URL
    dir = mkdtempSync(join(tmpdir(), 'landsea-identity-cli-'))
    data = join(dir, 'node')
    const node = await createNode({ dataDir: data, checkpointIntervalMs: 0 })
    await seedDemo(node, { withTracking: false })
    await node.close()
  })
  afterAll(() => {
    if (databaseUrl !== undefined) process.env.DATABASE_URL = databaseUrl
  })

  it('shows the trust anchor, the three lists and the mutual recognition', async () => {
    const { stdout, exitCode } = await run('trust', 'show', '--data', data, '--json')
    expect(exitCode).toBe(0)
    const shown = JSON.parse(stdout)
    expect(shown.anchor.jurisdiction).toBe('CN')
    expect(shown.lists.map((l: { jurisdiction: string }) => l.jurisdiction).sort()).toEqual([
      'CN',
      'SG',
      'XX',
    ])
    expect(
      shown.recognitions
        .map((r: { recogniser: { jurisdiction: string } }) => r.recogniser.jurisdiction)
        .sort(),
    ).toEqual(['CN', 'SG'])
    const text = await run('trust', 'show', '--data', data)
    expect(text.stdout).toContain('RECOGNISER')
  })

  it('issues with an SM2 registrar, verifies, and joins the node with a presentation', async () => {
    const key = join(dir, 'holder.jwk.json')
    const did = JSON.parse(
      (await run('vc', 'keygen', '--alg', 'SM2SM3', '--out', key, '--json')).stdout,
    ).did
    expect(did).toMatch(/^did:key:z/)
    const credential = join(dir, 'holder.vc.jwt')
    const issued = await run(
      'vc',
      'issue',
      '--data',
      data,
      '--issuer',
      'CN',
      '--subject',
      did,
      '--name',
      'Jiangbei Freight Forwarding Co., Ltd. (demo)',
      '--name-zh',
      '江北货运代理有限公司（演示）',
      '--jurisdiction',
      'CN',
      '--identifier',
      'USCC:91110000600037341L',
      '--locality',
      'Chongqing',
      '--out',
      credential,
    )
    expect(issued.exitCode, issued.stderr).toBe(0)
    const verified = await run('vc', 'verify', credential, '--data', data, '--json')
    expect(verified.exitCode).toBe(0)
    const result = JSON.parse(verified.stdout)
    expect([result.signature.ok, result.validity.ok, result.status.ok, result.trust.ok]).toEqual([
      true,
      true,
      true,
      true,
    ])
    expect(result.signature.message).toContain('SM2SM3')
    const joined = await run(
      'org',
      'join',
      '--data',
      data,
      '--credential',
      credential,
      '--key',
      key,
      '--role',
      'FREIGHT_FORWARDER',
      '--json',
    )
    expect(joined.exitCode, joined.stderr).toBe(0)
    expect(JSON.parse(joined.stdout)).toMatchObject({
      organisation: { did },
      verification: { status: 'verified' },
    })
    const again = await run(
      'org',
      'join',
      '--data',
      data,
      '--credential',
      credential,
      '--key',
      key,
      '--role',
      'FREIGHT_FORWARDER',
    )
    expect(again.exitCode).toBe(1)
    expect(again.stderr).toContain('IDENTITY_ALREADY_JOINED')
  })

  it('reads "signature valid, issuer not trusted" for the unrecognised jurisdiction, until CN recognises it', async () => {
    const file = join(dir, 'xx.vc.jwt')
    const base = '984500EXAMPLIA0002'
    await run(
      'vc',
      'issue',
      '--data',
      data,
      '--issuer',
      'XX',
      '--subject',
      'did:web:examplia-shipping.example',
      '--name',
      'Examplia Shipping Ltd. (demo)',
      '--jurisdiction',
      'XX',
      '--identifier',
      `LEI:${base}${computeLeiCheckDigits(base)}`,
      '--out',
      file,
    )
    const refused = await run('vc', 'verify', file, '--data', data)
    expect(refused.exitCode).toBe(1)
    expect(refused.stdout).toMatch(/signature\s+ok/)
    expect(refused.stdout).toMatch(/trust\s+FAIL\s+IDENTITY_JURISDICTION_NOT_RECOGNISED/)
    expect(refused.stdout).toContain('NOT VALID')
    const recognised = await run(
      'trust',
      'recognise',
      '--data',
      data,
      '--recognised',
      'XX',
      '--type',
      'LegalEntityCredential',
    )
    expect(recognised.exitCode, recognised.stderr).toBe(0)
    const accepted = await run('vc', 'verify', file, '--data', data)
    expect(accepted.exitCode).toBe(0)
    expect(accepted.stdout).toContain('CN recognises XX list v1')
  })

  it('issues a dual-signed Data Integrity credential that a verifier without SM2 can check', async () => {
    const file = join(dir, 'dual.vc.json')
    const issued = await run(
      'vc',
      'issue',
      '--data',
      data,
      '--issuer',
      'cn-samr',
      '--format',
      'data-integrity',
      '--subject',
      'did:web:example.cn:orgs:dual',
      '--name',
      'Dual Signing Trading Co., Ltd. (demo)',
      '--jurisdiction',
      'CN',
      '--identifier',
      'USCC:91350100M000100Y43',
      '--out',
      file,
    )
    expect(issued.exitCode, issued.stderr).toBe(0)
    const both = JSON.parse((await run('vc', 'verify', file, '--data', data, '--json')).stdout)
    expect(both.format).toBe('data-integrity')
    expect(both.isValid).toBe(true)
    const abroad = await run(
      'vc',
      'verify',
      file,
      '--data',
      data,
      '--cryptosuite',
      'eddsa-jcs-2022',
      '--json',
    )
    expect(abroad.exitCode).toBe(0)
    expect(JSON.parse(abroad.stdout).signature.message).toContain('EdDSA')
    const sm2Only = await run(
      'vc',
      'verify',
      file,
      '--data',
      data,
      '--cryptosuite',
      'landsea-sm2-jcs-2026',
      '--json',
    )
    expect(JSON.parse(sm2Only.stdout).signature.message).toContain('SM2SM3')
  })

  it('rejects a malformed file and has --help', async () => {
    const file = join(dir, 'garbage.txt')
    writeFileSync(file, 'not a credential')
    const result = await run('vc', 'verify', file, '--data', data, '--json')
    expect(result.exitCode).toBe(1)
    expect(JSON.parse(result.stdout).signature.code).toBe('IDENTITY_MALFORMED')
    expect((await run('vc', 'verify', '--help')).exitCode).toBe(0)
    expect((await run('org', 'join', '--help')).exitCode).toBe(0)
    expect((await run('trust', 'recognise', '--help')).exitCode).toBe(0)
  })
})

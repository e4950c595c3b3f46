import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createNode } from '@landsea/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from './run-cli.js'

// The W3C vc-jose-cose test suite's inputs, vendored in core (fixtures/README.md).
const fixtures = fileURLToPath(
  new URL('../../core/src/identity/fixtures/w3c-vc-jose-cose/', import.meta.url),
)
const method = (name: string) =>
  JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as { publicKeyJwk: object }

describe('landsea vc verify --key (a JWK or JWK Set instead of a DID URL)', () => {
  let data: string
  let dir: string
  const databaseUrl = process.env.DATABASE_URL
  beforeAll(async () => {
    delete process.env.DATABASE_URL
    dir = mkdtempSync(join(tmpdir(), 'landsea-vc-key-'))
    data = join(dir, 'node')
    await (await createNode({ dataDir: data, checkpointIntervalMs: 0 })).close()
  })
  afterAll(() => {
    if (databaseUrl !== undefined) process.env.DATABASE_URL = databaseUrl
  })

  it('VC-JOSE-COSE: verifies the W3C credential-jose-minimal with a JWK Set file, and refuses a wrong key', async () => {
    const credential = join(fixtures, 'credential-jose-minimal.txt')
    const jwks = join(dir, 'issuer.jwks.json')
    writeFileSync(
      jwks,
      JSON.stringify({
        keys: [method('vm-ed25519.json').publicKeyJwk, method('vm-p256.json').publicKeyJwk],
      }),
    )
    const withSet = await run('vc', 'verify', credential, '--key', jwks, '--data', data, '--json')
    const verified = JSON.parse(withSet.stdout)
    expect(verified.signature.ok).toBe(true)
    expect(verified.issuerKey.ok).toBe(true)
    // No trust anchor on this node: the signature is valid, the issuer not trusted.
    expect(verified.trust.code).toBe('IDENTITY_ISSUER_NOT_TRUSTED')
    expect(withSet.exitCode).toBe(1)

    const withoutKey = JSON.parse(
      (await run('vc', 'verify', credential, '--data', data, '--json')).stdout,
    )
    expect(withoutKey.signature.code).toBe('IDENTITY_KEY_NOT_FOUND')

    const wrong = join(dir, 'wrong.jwk.json')
    const { kid: _kid, ...p384 } = method('vm-p384.json').publicKeyJwk as { kid?: string }
    writeFileSync(wrong, JSON.stringify(p384))
    const refused = JSON.parse(
      (await run('vc', 'verify', credential, '--key', wrong, '--data', data, '--json')).stdout,
    )
    expect(refused.signature.ok).toBe(false)

    const garbage = join(dir, 'garbage.jwk.json')
    writeFileSync(garbage, '{"kty": 1}')
    const bad = await run('vc', 'verify', credential, '--key', garbage, '--data', data)
    expect(bad.exitCode).not.toBe(0)
    expect(bad.stderr).toContain('garbage.jwk.json')
  })
})

import { generateSigningKeyPair } from '@landsea/core/crypto'
import {
  createLegalEntityCredential,
  issueVcJwt,
  type KeyLookup,
  type TrustMaterial,
} from '@landsea/core/identity'
import { describe, expect, it } from 'vitest'
import { evidenceVerification } from '../src/identity/signer-evidence.js'

describe("a credential's verification for evidence is reused", () => {
  it('by what it was verified with (the same texts, whichever objects carry them), for a minute', async () => {
    const key = await generateSigningKeyPair({ alg: 'EdDSA' })
    const registeredAddress = {
      streetAddress: '1 Tuanjiecun',
      locality: 'Chongqing',
      countryCode: 'CN',
    }
    const identifier = { scheme: 'USCC' as const, value: '91350100M000100Y43' }
    const issue = (en: string) => {
      const id = 'did:web:cq.landsea.example:orgs:carrier'
      const subject = { id, legalName: { en }, jurisdiction: 'CN', identifier, registeredAddress }
      const issuer = 'did:web:cn-authority.example'
      return issueVcJwt({
        credential: createLegalEntityCredential({
          issuer,
          subject,
          validFrom: '2026-01-01T00:00:00Z',
        }),
        privateJwk: key.privateJwk,
        alg: 'EdDSA',
        kid: `${issuer}#k1`,
      })
    }
    let lookups = 0
    const lookupKey: KeyLookup = async () => {
      lookups++
      return {
        id: 'did:web:cn-authority.example#k1',
        controller: 'did:web:cn-authority.example',
        publicJwk: key.publicJwk,
        alg: 'EdDSA',
      }
    }
    let nowMs = 0
    const verify = evidenceVerification(lookupKey, () => nowMs)
    const material = (): TrustMaterial => ({ lists: [], recognitions: [] })
    const [first, second] = [await issue('Chongqing Landsea'), await issue('Landsea Chongqing')]
    const same = material()

    expect((await verify(first, undefined, same)).signature.ok).toBe(true)
    expect(await verify(first, undefined, same)).toBe(await verify(first, undefined, same))
    // The same material read again (a new object, as the store hands out after a second): reused.
    await verify(first, undefined, material())
    expect(lookups).toBe(1)
    // Another credential, or other trust material, is verified for itself.
    expect((await verify(second, undefined, same)).signature.ok).toBe(true)
    expect(lookups).toBe(2)
    await verify(first, undefined, { lists: ['a.b.c'], recognitions: [] })
    expect(lookups).toBe(3)
    // After a minute, verified again.
    nowMs = 60_000
    await verify(first, undefined, same)
    expect(lookups).toBe(4)
  })
})

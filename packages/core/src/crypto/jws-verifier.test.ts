import { describe, expect, it } from 'vitest'
import { verifyCompactJws, signCompactJws } from './compact-jws.js'
import { verifyEd25519 } from './ed25519.js'
import { createJwsVerifierSession } from './jws-verifier.js'
import { generateSigningKeyPair, SIGNING_ALGORITHMS } from './signing-key.js'

const payload = new TextEncoder().encode('{"a":1}')
const outcome = (promise: Promise<Uint8Array>) =>
  promise.then(
    (bytes) => new TextDecoder().decode(bytes),
    (error: { code?: string }) => error.code ?? 'error',
  )

describe('createJwsVerifierSession', () => {
  it('agrees with verifyCompactJws on valid and changed JWSs of every suite', async () => {
    for (const alg of SIGNING_ALGORITHMS) {
      const { privateJwk, publicJwk } = await generateSigningKeyPair({ alg })
      const other = await generateSigningKeyPair({ alg })
      const jws = await signCompactJws({ payload, privateJwk, alg })
      const changed = [
        jws.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
        jws.replace('.', '.e'),
        `${jws}x`,
      ]
      for (const ed25519 of [undefined, verifyEd25519]) {
        const session = createJwsVerifierSession(ed25519 ? { ed25519 } : {})
        for (const [input, key] of [
          [jws, publicJwk],
          [jws, other.publicJwk],
          ...changed.map((c) => [c, publicJwk] as const),
        ] as const) {
          expect(await outcome(session.verify(input, key)), alg).toBe(
            await outcome(verifyCompactJws(input, key)),
          )
        }
      }
    }
  })

  it('checks each distinct JWS and key once and counts what verified', async () => {
    const { privateJwk, publicJwk } = await generateSigningKeyPair({ alg: 'SM2SM3' })
    const jws = await signCompactJws({ payload, privateJwk, alg: 'SM2SM3' })
    const session = createJwsVerifierSession()
    await session.verify(jws, publicJwk)
    await session.verify(jws, { ...publicJwk })
    expect([...session.checked]).toEqual([['SM2SM3', 1]])
  })

  it('refuses the suites the verifier does not require', async () => {
    const { privateJwk, publicJwk } = await generateSigningKeyPair({ alg: 'SM2SM3' })
    const jws = await signCompactJws({ payload, privateJwk, alg: 'SM2SM3' })
    const abroad = createJwsVerifierSession({ algorithms: ['EdDSA', 'ES256'] })
    expect(await outcome(abroad.verify(jws, publicJwk))).toBe('CRYPTO_ALG_NOT_ALLOWED')
    expect(abroad.checked.size).toBe(0)
  })
})

import { generateSigningKeyPair, signCompactJws } from '@landsea/core/crypto'
import { describe, expect, it } from 'vitest'
import { jwsAlgorithm } from './jws-algorithm.js'

describe('jwsAlgorithm', () => {
  it('reads the algorithm of JWSs signed by core', async () => {
    for (const alg of ['EdDSA', 'ES256'] as const) {
      const key = await generateSigningKeyPair({ alg })
      const jws = await signCompactJws({
        payload: new TextEncoder().encode('{}'),
        privateJwk: key.privateJwk,
        alg,
      })
      expect(jwsAlgorithm(jws)).toBe(alg)
    }
  })

  it('reads RFC 7515 appendix A.3 (ES256) and refuses junk', () => {
    expect(jwsAlgorithm('eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UifQ.sig')).toBe('ES256')
    for (const junk of [
      '',
      'a.b.c',
      '!!.b.c',
      'eyJhbGciOjF9.x.y',
      'bnVsbA.x.y',
      42 as unknown as string,
    ]) {
      expect(jwsAlgorithm(junk)).toBeNull()
    }
  })
})

import { describe, expect, it } from 'vitest'
import { createEd25519JwsVerifier } from '../crypto/ed25519-jws.js'
import { encodeLeaf } from '../ledger/leaf-envelope.js'
import { hashLeaf } from '../ledger/merkle-hash.js'
import { sha256 } from '../crypto/sha256.js'
import { encodeActionBytes } from './action-bytes.js'
import { buildSampleBundle } from './fixtures/sample-bundle.js'

const encoder = new TextEncoder()

describe('encodeActionBytes', () => {
  it('is 0x00 and the leaf encodeLeaf writes, with the JWS bytes inside', async () => {
    const bundle = await buildSampleBundle({ count: 3 })
    for (const { jws } of bundle.actions) {
      const bytes = encodeActionBytes(jws)!
      const leaf = encodeLeaf({ type: 'ebl-action', body: jws })
      expect(bytes.leafHashInput).toEqual(new Uint8Array([0, ...leaf]))
      expect(sha256(bytes.leafHashInput)).toEqual(hashLeaf(leaf))
      expect(bytes.jws).toEqual(encoder.encode(jws))
    }
  })

  it('leaves a JWS that is not compact to the steps (encodeLeaf escapes or refuses it)', () => {
    for (const jws of ['a.b.c"', 'a.b.\\c', 'a.b.c\n', 'a.b.cé', 'a.b.c\ud800', 'a b.c.d'])
      expect(encodeActionBytes(jws), jws).toBeUndefined()
  })
})

describe('createEd25519JwsVerifier with the JWS bytes', () => {
  it('answers as without them, and ignores bytes that are not one per character', async () => {
    const bundle = await buildSampleBundle({ count: 3 })
    const key = new Uint8Array(32)
    const inputs: Uint8Array[] = []
    const verify = createEd25519JwsVerifier((_signature, message) => {
      inputs.push(message.slice())
      return true
    })
    for (const { jws } of bundle.actions) {
      verify(jws, key)
      verify(jws, key, encodeActionBytes(jws)!.jws)
      // Bytes of another length are not the JWS's one byte per character: encoded again.
      verify(jws, key, new Uint8Array(jws.length + 1))
      const signed = encoder.encode(jws.slice(0, jws.lastIndexOf('.')))
      expect(inputs.splice(0)).toEqual([signed, signed, signed])
    }
  })
})

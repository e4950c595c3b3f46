import { describe, expect, it } from 'vitest'
import { sm2 as independent } from 'sm-crypto-v2'
import { hexToBytes } from '@noble/hashes/utils.js'
import { toHex } from './sha256.js'
import {
  SM2_DEFAULT_USER_ID,
  sm2ComputeZa,
  sm2GeneratePrivateKey,
  sm2GetPublicKey,
  sm2Sign,
  sm2Verify,
} from './sm2.js'

// GB/T 32918.5-2017 Annex A / GM/T 0003.5-2012 Annex A, as cited by OpenSSL's
// test/sm2_internal_test.c (sm2_sig_test, recommended curve, default user ID).
const vector = {
  d: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  x: '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020',
  y: 'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  message: 'message digest',
  za: 'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3',
  k: '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21',
  r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
}
const encoder = new TextEncoder()
const message = encoder.encode(vector.message)

describe('sm2 against the GB/T 32918 vector', () => {
  const d = hexToBytes(vector.d)
  const publicKey = sm2GetPublicKey(d)

  it('derives the published public key and Z_A', () => {
    expect(toHex(publicKey)).toBe(`04${vector.x}${vector.y}`)
    expect(toHex(sm2ComputeZa(publicKey))).toBe(vector.za)
  })

  it('reproduces r and s with the published k', () => {
    const signature = sm2Sign(message, d, { k: hexToBytes(vector.k) })
    expect(toHex(signature)).toBe(vector.r + vector.s)
  })

  it('verifies the published signature and rejects any changed byte', () => {
    const signature = hexToBytes(vector.r + vector.s)
    expect(sm2Verify(signature, message, publicKey)).toBe(true)
    for (const index of [0, 31, 32, 63]) {
      const tampered = signature.slice()
      tampered[index] = tampered[index]! ^ 1
      expect(sm2Verify(tampered, message, publicKey)).toBe(false)
    }
    expect(sm2Verify(signature, encoder.encode('message digesT'), publicKey)).toBe(false)
    expect(sm2Verify(signature, message, publicKey, { userId: 'ALICE123@YAHOO.COM' })).toBe(false)
  })

  it('accepts the compressed form of the public key', () => {
    const compressed = sm2GetPublicKey(d, true)
    expect(compressed.length).toBe(33)
    expect(sm2Verify(hexToBytes(vector.r + vector.s), message, compressed)).toBe(true)
  })
})

describe('sm2 interoperability with sm-crypto-v2 (independent implementation)', () => {
  it('our signatures verify there, and theirs verify here, with the default user ID', () => {
    for (let i = 0; i < 5; i++) {
      const d = sm2GeneratePrivateKey()
      const publicKeyHex = toHex(sm2GetPublicKey(d))
      const text = `title action ${i} 陆海新通道`
      const ours = toHex(sm2Sign(encoder.encode(text), d))
      expect(independent.doVerifySignature(text, ours, publicKeyHex, { hash: true })).toBe(true)
      const theirs = independent.doSignature(text, toHex(d), { hash: true })
      expect(sm2Verify(hexToBytes(theirs), encoder.encode(text), hexToBytes(publicKeyHex))).toBe(
        true,
      )
    }
  })

  it('agrees on a non-default user ID', () => {
    const d = sm2GeneratePrivateKey()
    const publicKeyHex = toHex(sm2GetPublicKey(d))
    const theirs = independent.doSignature('x', toHex(d), { hash: true, userId: 'carrier@cq' })
    expect(sm2Verify(hexToBytes(theirs), encoder.encode('x'), hexToBytes(publicKeyHex))).toBe(false)
    expect(
      sm2Verify(hexToBytes(theirs), encoder.encode('x'), hexToBytes(publicKeyHex), {
        userId: 'carrier@cq',
      }),
    ).toBe(true)
  })

  it('a signature without Z_A (the sm-crypto-v2 default hash: false) does not verify', () => {
    const d = sm2GeneratePrivateKey()
    const noZa = independent.doSignature('x', toHex(d))
    expect(sm2Verify(hexToBytes(noZa), encoder.encode('x'), sm2GetPublicKey(d))).toBe(false)
  })
})

describe('sm2 hostile input', () => {
  const d = sm2GeneratePrivateKey()
  const publicKey = sm2GetPublicKey(d)
  const signature = sm2Sign(message, d)

  it('returns false, never throws, for malformed signatures and keys', () => {
    expect(sm2Verify(signature.subarray(0, 63), message, publicKey)).toBe(false)
    expect(sm2Verify(new Uint8Array(64), message, publicKey)).toBe(false)
    expect(sm2Verify(new Uint8Array(64).fill(0xff), message, publicKey)).toBe(false)
    expect(sm2Verify(signature, message, new Uint8Array(65))).toBe(false)
    expect(sm2Verify(signature, message, new Uint8Array([4, 1, 2, 3]))).toBe(false)
    const offCurve = publicKey.slice()
    offCurve[64] = offCurve[64]! ^ 1
    expect(sm2Verify(signature, message, offCurve)).toBe(false)
  })

  it('keeps verifying correctly once a key is cached with a window table', () => {
    for (let i = 0; i < 20; i++) expect(sm2Verify(signature, message, publicKey)).toBe(true)
    const tampered = signature.slice()
    tampered[40] = tampered[40]! ^ 0x80
    expect(sm2Verify(tampered, message, publicKey)).toBe(false)
  })

  it('a signature remembered as verified vouches only for its own key, message and user ID', () => {
    const other = sm2GetPublicKey(sm2GeneratePrivateKey())
    const changed = encoder.encode('message digesT')
    for (let i = 0; i < 3; i++) {
      expect(sm2Verify(signature, message, publicKey)).toBe(true)
      expect(sm2Verify(signature, changed, publicKey)).toBe(false)
      expect(sm2Verify(signature, message, other)).toBe(false)
      expect(sm2Verify(signature, message, publicKey, { userId: 'another-user' })).toBe(false)
    }
  })

  it('refuses private keys outside [1, n − 2]', () => {
    expect(() => sm2GetPublicKey(new Uint8Array(32))).toThrow(RangeError)
    expect(() => sm2Sign(message, new Uint8Array(31))).toThrow(RangeError)
  })

  it('uses the GM/T 0009 default user ID', () => {
    expect(SM2_DEFAULT_USER_ID).toBe('1234567812345678')
  })
})

describe('sm2Sign with the public key given', () => {
  it('produces the same standard signature (the GB/T vector) and one that verifies', () => {
    const d = hexToBytes(vector.d)
    const publicKey = sm2GetPublicKey(d)
    const withKey = sm2Sign(message, d, { k: hexToBytes(vector.k), publicKey })
    expect(toHex(withKey)).toBe(vector.r + vector.s)
    expect(sm2Verify(sm2Sign(message, d, { publicKey }), message, publicKey)).toBe(true)
  })
})

import { describe, expect, it } from 'vitest'
import { fromBase64, fromBase64Url, toBase64, toBase64Url } from './base64.js'
import { ed25519PublicKeyFromJwk, verifyEd25519Jws } from './ed25519-jws.js'
import {
  ed25519PublicKey,
  initEd25519Verifier,
  isFastEd25519Verifier,
  signEd25519,
  verifyEd25519,
} from './ed25519.js'
import { generateSigningKeyPair } from './signing-key.js'
import { signCompactJws } from './compact-jws.js'
import { CryptoError } from './crypto-error.js'

describe('strict base64', () => {
  it('round-trips every length and refuses non-canonical text', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff)
      expect(fromBase64(toBase64(bytes))).toEqual(bytes)
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes)
    }
    expect(toBase64(new TextEncoder().encode('foobar'))).toBe('Zm9vYmFy')
    for (const bad of ['Zg', 'Zh==', 'Zm9=', 'Zm9v=', '====', 'Zm 9v', 'Zm9v\n', 'Zé==']) {
      expect(fromBase64(bad)).toBeUndefined()
    }
    for (const bad of ['Zh', 'Zm9', 'Zg==', 'a+b/', 'A']) expect(fromBase64Url(bad)).toBeUndefined()
  })
})

describe('Ed25519', () => {
  it('matches RFC 8032 §7.1 test 1', () => {
    const hex = (s: string) => Uint8Array.from(s.match(/../g)!, (b) => parseInt(b, 16))
    const seed = hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60')
    const pub = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a')
    const sig = hex(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    )
    expect(ed25519PublicKey(seed)).toEqual(pub)
    expect(signEd25519(new Uint8Array(0), seed)).toEqual(sig)
    expect(verifyEd25519(sig, new Uint8Array(0), pub)).toBe(true)
  })

  it('gives the same answers with the pure-JS and the libsodium verifier', async () => {
    const seed = new Uint8Array(32).fill(2)
    const msg = new TextEncoder().encode('landsea')
    const sig = signEd25519(msg, seed)
    const pub = ed25519PublicKey(seed)
    const bad = sig.slice()
    bad[10] = bad[10]! ^ 1
    const before = [
      verifyEd25519(sig, msg, pub),
      verifyEd25519(bad, msg, pub),
      verifyEd25519(sig.subarray(1), msg, pub),
    ]
    await initEd25519Verifier()
    expect(isFastEd25519Verifier()).toBe(true)
    const after = [
      verifyEd25519(sig, msg, pub),
      verifyEd25519(bad, msg, pub),
      verifyEd25519(sig.subarray(1), msg, pub),
    ]
    expect(before).toEqual([true, false, false])
    expect(after).toEqual(before)
  })
})

describe('verifyEd25519Jws', () => {
  it('verifies what jose signs and refuses every changed character', async () => {
    const key = await generateSigningKeyPair({ alg: 'EdDSA' })
    const jws = await signCompactJws({
      payload: new TextEncoder().encode('{"a":1}'),
      privateJwk: key.privateJwk,
      alg: 'EdDSA',
      kid: 'org#k',
    })
    const pub = ed25519PublicKeyFromJwk(key.publicJwk)!
    expect(new TextDecoder().decode(verifyEd25519Jws(jws, pub))).toBe('{"a":1}')
    for (let i = 0; i < jws.length; i++) {
      const changed =
        jws.slice(0, i) + String.fromCharCode(jws.charCodeAt(i) ^ 1) + jws.slice(i + 1)
      expect(() => verifyEd25519Jws(changed, pub)).toThrow(CryptoError)
    }
  })

  it('reads only Ed25519 JWKs', async () => {
    const p256 = await generateSigningKeyPair({ alg: 'ES256' })
    expect(ed25519PublicKeyFromJwk(p256.publicJwk)).toBeUndefined()
    expect(ed25519PublicKeyFromJwk({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' })).toBeUndefined()
    expect(ed25519PublicKeyFromJwk(undefined)).toBeUndefined()
  })
})

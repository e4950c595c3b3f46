import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../crypto/canonical-json.js'
import { decodeLeaf, encodeLeaf, encodeLeafWithCanonicalBody } from './leaf-envelope.js'
import { LedgerError } from './ledger-error.js'

const encoder = new TextEncoder()

describe('leaf envelope', () => {
  it('encodes canonical JSON { body, type, v } and decodes it back', () => {
    const leaf = encodeLeaf({ type: 'ebl-action', body: 'aGVhZGVy.cGF5bG9hZA.c2ln' })
    expect(new TextDecoder().decode(leaf)).toBe(
      '{"body":"aGVhZGVy.cGF5bG9hZA.c2ln","type":"ebl-action","v":1}',
    )
    expect(decodeLeaf(leaf)).toEqual({ v: 1, type: 'ebl-action', body: 'aGVhZGVy.cGF5bG9hZA.c2ln' })
    const jws = 'eyJhbGciOiJFZERTQSJ9.eyJhIjoxfQ.c2lnbmF0dXJl-_'
    const generic = new TextEncoder().encode(canonicalJson({ v: 1, type: 'ebl-action', body: jws }))
    expect(encodeLeaf({ type: 'ebl-action', body: jws })).toEqual(generic)
    expect(decodeLeaf(encodeLeaf({ type: 'ebl-action', body: 'not "a" jws' })).body).toBe(
      'not "a" jws',
    )
    const event = encodeLeaf({ type: 'tracking-event', body: { b: 1, a: 'x' } })
    expect(decodeLeaf(event).body).toEqual({ a: 'x', b: 1 })
  })

  it('wraps an already canonical body into the same bytes as encodeLeaf', () => {
    const event = { eventID: 'e1', nested: { z: [1, 2], a: 'é "q"' }, b: 1.5 }
    expect(
      encodeLeafWithCanonicalBody({ type: 'tracking-event', canonicalBody: canonicalJson(event) }),
    ).toEqual(encodeLeaf({ type: 'tracking-event', body: event }))
  })

  it('refuses unknown versions, kinds, fields and non-canonical bytes', () => {
    const bad = [
      '{"body":"x","type":"ebl-action","v":2}',
      '{"body":"x","type":"other","v":1}',
      '{"body":"x","extra":1,"type":"ebl-action","v":1}',
      '{"type":"ebl-action","body":"x","v":1}',
      '{"body":1,"type":"ebl-action","v":1}',
      '[1]',
      'null',
      '{',
    ].map((s) => encoder.encode(s))
    bad.push(new Uint8Array([0xff, 0xfe]))
    for (const bytes of bad) {
      expect(() => decodeLeaf(bytes)).toThrow(LedgerError)
    }
    expect(() => encodeLeaf({ type: 'nope' as never, body: 1 })).toThrow(LedgerError)
  })
})

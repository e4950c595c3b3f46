import { createHmac, createSecretKey, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createKeyedHashMemo } from './keyed-hash-memo.js'

const hmac = (key: ReturnType<typeof createSecretKey>, value: string) =>
  createHmac('sha256', key).update(value, 'utf8').digest('hex')

describe('the memory of keyed hashes', () => {
  const key = createSecretKey(randomBytes(32))

  it('gives the keyed hash of each value, remembered or not', () => {
    const memo = createKeyedHashMemo()
    expect(memo.hash(key, 'Tan Ah Kow')).toBe(hmac(key, 'Tan Ah Kow'))
    expect(memo.hash(key, 'Tan Ah Kow')).toBe(hmac(key, 'Tan Ah Kow'))
    expect(memo.hash(key, 'tan ah kow')).toBe(hmac(key, 'tan ah kow'))
    expect(memo.size()).toBe(2)
  })

  it('holds at most maxValues', () => {
    const memo = createKeyedHashMemo({ maxValues: 2 })
    for (const value of ['a', 'b', 'a', 'c', 'd']) {
      expect(memo.hash(key, value)).toBe(hmac(key, value))
    }
    expect(memo.size()).toBe(2)
  })

  it('forgets every value on forget(), on another key and when it is maxAgeMs old', () => {
    let nowMs = 0
    const memo = createKeyedHashMemo({ maxAgeMs: 1000, nowMs: () => nowMs })
    memo.hash(key, 'a')
    memo.forget()
    expect(memo.size()).toBe(0)
    memo.hash(key, 'a')
    memo.hash(key, 'b')
    nowMs = 1000
    expect(memo.hash(key, 'c')).toBe(hmac(key, 'c'))
    expect(memo.size()).toBe(1)
    const next = createSecretKey(randomBytes(32))
    expect(memo.hash(next, 'c')).toBe(hmac(next, 'c'))
    expect(memo.size()).toBe(1)
  })
})

import { createHmac, createSecretKey, randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
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

  afterEach(() => {
    vi.useRealTimers()
  })

  it('forgets every value on forget(), on another key and maxAgeMs after its first value', () => {
    vi.useFakeTimers()
    const memo = createKeyedHashMemo({ maxAgeMs: 1000 })
    memo.hash(key, 'a')
    memo.forget()
    expect(memo.size()).toBe(0)
    memo.hash(key, 'a')
    vi.advanceTimersByTime(999)
    memo.hash(key, 'b')
    expect(memo.size()).toBe(2)
    vi.advanceTimersByTime(1)
    expect(memo.size()).toBe(0)
    expect(memo.hash(key, 'c')).toBe(hmac(key, 'c'))
    const next = createSecretKey(randomBytes(32))
    expect(memo.hash(next, 'c')).toBe(hmac(next, 'c'))
    expect(memo.size()).toBe(1)
  })
})

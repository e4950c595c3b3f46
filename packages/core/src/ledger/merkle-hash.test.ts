import { bytesToHex } from '@noble/hashes/utils.js'
import { describe, expect, it } from 'vitest'
import { vectors } from './fixtures/vectors.js'
import { createMemoryLedger } from './memory-ledger.js'
import { EMPTY_ROOT_HASH, equalHashes, hashChildren, hashLeaf } from './merkle-hash.js'

describe('RFC 9162 hashing', () => {
  it('hashes the empty tree as SHA-256 of nothing', () => {
    expect(bytesToHex(EMPTY_ROOT_HASH)).toBe(bytesToHex(vectors.emptyRoot))
  })

  it('reproduces the published roots for tree sizes 1 to 8', () => {
    const ledger = createMemoryLedger()
    ledger.append(vectors.leaves)
    vectors.roots.forEach((root, i) => {
      expect(bytesToHex(ledger.rootHash(i + 1))).toBe(bytesToHex(root))
    })
  })

  it('separates leaves from nodes by the 0x00 and 0x01 prefixes', () => {
    const a = hashLeaf(new Uint8Array([1]))
    const b = hashLeaf(new Uint8Array([2]))
    const joined = new Uint8Array([...a, ...b])
    expect(equalHashes(hashChildren(a, b), hashLeaf(joined))).toBe(false)
    expect(bytesToHex(vectors.roots[0]!)).toBe(bytesToHex(hashLeaf(vectors.leaves[0]!)))
  })
})

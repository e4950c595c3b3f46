import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { decodeBase64 } from '../src/pint/pint-parties.js'

describe('decodeBase64 (a PINT additional document)', () => {
  it('decodes standard base64, padded or not, and nothing else', () => {
    const bytes = randomBytes(3000)
    expect(decodeBase64(bytes.toString('base64'))).toEqual(bytes)
    const unpadded = Buffer.from('ab')
    expect(decodeBase64(unpadded.toString('base64').replace(/=+$/, ''))).toEqual(unpadded)
    expect(decodeBase64('')).toEqual(Buffer.alloc(0))
    // Node decodes the URL alphabet too; PINT's documents are standard base64 (RFC 4648 §4).
    const url = Buffer.from([0xfb, 0xff, 0xbf]).toString('base64url')
    expect(url).toBe('-_-_')
    expect(decodeBase64(url)).toBeUndefined()
    for (const bad of ['QQ==QQ==', 'QQ===', 'a b', 'QQ==\n', 'Q!==']) {
      expect(decodeBase64(bad)).toBeUndefined()
    }
  })
})

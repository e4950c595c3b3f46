import { describe, expect, it } from 'vitest'
import { base64url } from 'jose'
import {
  createStatusBitstring,
  decodeStatusList,
  encodeStatusList,
  getStatusBit,
  MIN_STATUS_LIST_BITS,
  setStatusBit,
} from './status-list.js'

describe('Bitstring Status List', () => {
  it('round-trips a 131,072-entry list with bits set MSB-first and a u prefix', async () => {
    const bits = createStatusBitstring()
    expect(bits.length * 8).toBe(MIN_STATUS_LIST_BITS)
    for (const index of [0, 201, 57444, 94023, MIN_STATUS_LIST_BITS - 1])
      setStatusBit(bits, index, true)
    expect(bits[0]).toBe(0x80)
    const encoded = await encodeStatusList(bits)
    expect(encoded.startsWith('u')).toBe(true)
    const decoded = await decodeStatusList(encoded)
    for (const index of [0, 201, 57444, 94023, MIN_STATUS_LIST_BITS - 1])
      expect(getStatusBit(decoded, index)).toBe(true)
    expect(getStatusBit(decoded, 202)).toBe(false)
    expect(await decodeStatusList(encoded.slice(1))).toEqual(decoded)
    setStatusBit(bits, 201, false)
    expect(getStatusBit(bits, 201)).toBe(false)
  })

  it('refuses hostile lists: not base64url, not gzip, out-of-range index, zip bombs', async () => {
    await expect(decodeStatusList('u!!')).rejects.toMatchObject({ code: 'IDENTITY_MALFORMED' })
    await expect(decodeStatusList(42)).rejects.toMatchObject({ code: 'IDENTITY_MALFORMED' })
    await expect(decodeStatusList(`u${base64url.encode('not gzip at all')}`)).rejects.toMatchObject(
      {
        code: 'IDENTITY_MALFORMED',
      },
    )
    expect(() => getStatusBit(createStatusBitstring(), MIN_STATUS_LIST_BITS)).toThrow()
    expect(() => getStatusBit(createStatusBitstring(), -1)).toThrow()
    const bomb = await encodeStatusList(new Uint8Array(17 * 1024 * 1024))
    await expect(decodeStatusList(bomb)).rejects.toMatchObject({ code: 'IDENTITY_MALFORMED' })
  })
})

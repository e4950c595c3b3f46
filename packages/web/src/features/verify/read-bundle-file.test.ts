import { describe, expect, it } from 'vitest'
import { MAX_BUNDLE_BYTES, readBundleFile } from './read-bundle-file.js'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('readBundleFile', () => {
  it('reads the bill reference of a JSON bundle and keeps the exact bytes', () => {
    const input = bytes(
      '{"format":"landsea-ebl-bundle/v1","document":{"transportDocumentReference":"LSCKG1"}}',
    )
    const file = readBundleFile(input)
    expect(file).toEqual({ ok: true, bytes: input, reference: 'LSCKG1' })
  })

  it('accepts JSON without a reference (verification will say what is wrong)', () => {
    expect(readBundleFile(bytes('[1,2]'))).toMatchObject({ ok: true, reference: null })
    expect(readBundleFile(bytes('{"document":null}'))).toMatchObject({ ok: true, reference: null })
  })

  it('reports non-JSON and invalid UTF-8 instead of throwing', () => {
    expect(readBundleFile(bytes('PK\u0003\u0004 not json'))).toMatchObject({
      ok: false,
      problem: 'not-json',
    })
    expect(readBundleFile(new Uint8Array([0x7b, 0xff, 0x7d]))).toMatchObject({
      ok: false,
      problem: 'not-json',
    })
  })

  it('refuses files over the size limit', () => {
    expect(readBundleFile(new Uint8Array(MAX_BUNDLE_BYTES + 1))).toMatchObject({
      ok: false,
      problem: 'too-large',
    })
  })
})

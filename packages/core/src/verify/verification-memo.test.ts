import { describe, expect, it } from 'vitest'
import { documentChecksumOf } from '../privacy/commitments.js'
import { buildSampleBundle } from './fixtures/sample-bundle.js'
import { createVerificationMemo } from './verification-memo.js'

describe('the memo of document checksums', () => {
  it('answers each copy of a document, reordered or changed, as documentChecksumOf does', async () => {
    const { document } = await buildSampleBundle({ count: 1 })
    const reordered = Object.fromEntries(Object.entries(document).reverse())
    const fields = [{ path: '/shipper/name', salt: 'AAAAAAAAAAAAAAAAAAAAAA' }]
    const copies: { document: unknown; fields?: unknown }[] = [
      { document },
      { document: structuredClone(document) },
      { document: reordered },
      { document: { ...document, isToOrder: !document.isToOrder } },
      { document: { ...document, extra: [1, 2.5, null] } },
      { document: { ...document, extra: [1, 2.5, false] } },
      { document: structuredClone(document), fields },
      { document, fields: structuredClone(fields) },
      { document, fields: [{ ...fields[0], salt: 'AAAAAAAAAAAAAAAAAAAAAQ' }] },
    ]
    const memo = createVerificationMemo({ jsonData: true })
    const answers = new Set<string>()
    for (const copy of copies) {
      const fresh = (() => {
        try {
          return documentChecksumOf(copy.document, copy.fields as never)
        } catch (error) {
          return `throws ${String(error)}`
        }
      })()
      const kept = (() => {
        try {
          return memo.documentChecksum(copy.document, copy.fields as never)
        } catch (error) {
          return `throws ${String(error)}`
        }
      })()
      expect(kept).toBe(fresh)
      answers.add(fresh)
    }
    // Not one answer for all: the changed copies have checksums of their own.
    expect(answers.size).toBeGreaterThanOrEqual(5)
  })
})

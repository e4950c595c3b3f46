import { describe, expect, it } from 'vitest'
import { sortedJsonCopy } from '../crypto/canonical-json.js'
import {
  documentChecksumOf,
  documentChecksumOfSorted,
  type CommittedField,
} from '../privacy/commitments.js'
import { createVerificationMemo } from './verification-memo.js'

// The memo's document checksums (one verification of a bundle given as text) are looked up by the
// document object, then by the document's and fields' JSON text: each must be what
// `documentChecksumOf` computes for that document and those fields, whatever was asked before.

let seed = 7
const random = (n: number) => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
  return Math.floor((seed / 2 ** 31) * n)
}
const salt = () => 'abcdefghijklmnopqrstuv'.replace(/./g, () => 'aB3_-z9Q'[random(8)]!)

function documentOf(variant: number): Record<string, unknown> {
  return {
    transportDocumentReference: `TD-${variant % 3}`,
    isToOrder: variant % 2 === 0,
    partyContactDetails: [{ name: `Name ${variant % 2}`, email: 'a@b.example' }],
    goods: [{ weight: variant % 4 === 0 ? 1.5 : 15e-1, marks: ['x', 'y'].slice(variant % 2) }],
    '': null,
  }
}

/** The same JSON data with members in another order: another JSON text, the same RFC 8785 form. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered)
  if (typeof value !== 'object' || value === null) return value
  const entries = Object.entries(value).reverse()
  return Object.fromEntries(entries.map(([k, v]) => [k, reordered(v)]))
}

describe('the memo of document checksums', () => {
  it('gives documentChecksumOf for copies, reordered copies, changed copies and re-salted fields', () => {
    for (let run = 0; run < 40; run++) {
      const memo = createVerificationMemo({ jsonData: true })
      const fieldSets: (CommittedField[] | undefined)[] = [undefined, []]
      for (let i = 0; i < 3; i++)
        fieldSets.push([
          { path: '/partyContactDetails/0/email', salt: salt() },
          random(2) === 0
            ? { path: '/partyContactDetails/0/name', salt: salt() }
            : { path: '/partyContactDetails/0/name', commitment: `sha256:${'0a'.repeat(32)}` },
        ])
      const documents: unknown[] = []
      for (let i = 0; i < 12; i++) {
        const made = documentOf(random(6))
        // Parsed copies: what nested bundles given as one text carry.
        documents.push(
          random(3) === 0 ? reordered(made) : (JSON.parse(JSON.stringify(made)) as unknown),
        )
      }
      for (let ask = 0; ask < 60; ask++) {
        const document = documents[random(documents.length)]
        const fields = fieldSets[random(fieldSets.length)]
        expect(memo.documentChecksum(document, fields)).toBe(documentChecksumOf(document, fields))
      }
    }
  })

  it('refuses what documentChecksumOf refuses, each time it is asked', () => {
    const memo = createVerificationMemo({ jsonData: true })
    const document = documentOf(1)
    const fields = [{ path: '/goods/0', salt: salt() }]
    expect(() => documentChecksumOf(document, fields)).toThrow()
    for (let i = 0; i < 2; i++) expect(() => memo.documentChecksum(document, fields)).toThrow()
    // A copy equal as JSON data after a refusal is still computed, not answered from a memo.
    const copy = JSON.parse(JSON.stringify(document)) as unknown
    expect(() => memo.documentChecksum(copy, fields)).toThrow()
    expect(memo.documentChecksum(copy, undefined)).toBe(documentChecksumOf(document, undefined))
  })

  it('computes a committed form from the sorted copy as documentChecksumOf does, or leaves it to it', () => {
    const paths = [
      '/partyContactDetails/0/email',
      '/partyContactDetails/0/name',
      '/partyContactDetails/0',
      '/partyContactDetails/1/name',
      '/partyContactDetails/00/name',
      '/partyContactDetails/0/email/x',
      '/goods/0/weight',
      '/goods/0/marks/0',
      '/goods/0/nope',
      '/transportDocumentReference',
      '/isToOrder',
      '/',
      '',
      '/a~1b',
      '/a~0b',
      '/toString',
    ]
    let fast = 0
    for (let run = 0; run < 3000; run++) {
      const document = documentOf(random(6))
      document['a/b'] = random(2) === 0 ? 'x\ud800' : 'y'
      document['a~b'] = 7
      const fields: CommittedField[] = []
      for (let i = random(4); i > 0; i--) {
        const path = paths[random(paths.length)]!
        fields.push(
          random(3) === 0
            ? { path, commitment: random(4) === 0 ? ({ b: 1, a: 2 } as unknown as string) : 'c' }
            : { path, salt: salt() },
        )
      }
      let expected: string | Error
      try {
        expected = documentChecksumOf(document, fields)
      } catch (error) {
        expected = error as Error
      }
      const sorted = sortedJsonCopy(document)
      const before = JSON.stringify(sorted)
      let answer: string | undefined | Error
      try {
        answer = documentChecksumOfSorted(sorted, fields)
      } catch (error) {
        answer = error as Error
      }
      expect(JSON.stringify(sorted)).toBe(before)
      if (answer === undefined) continue
      fast++
      if (expected instanceof Error) expect((answer as Error).message).toBe(expected.message)
      else expect(answer).toBe(expected)
    }
    expect(fast).toBeGreaterThan(500)
  })
})

import { describe, expect, it } from 'vitest'
import { generateSigningKeyPair } from '../crypto/index.js'
import { createSampleCorridorBill } from '../ebl/sample-bill.js'
import { buildEnvelope, peekPintJws, type PintParty } from '../pint/envelope.js'
import { createVerificationMemo } from './verification-memo.js'

const party = (eblPlatform: string, partyCode: string): PintParty => ({
  partyName: partyCode,
  eblPlatform,
  identifyingCodes: [{ codeListProvider: 'GLEIF', partyCode }],
})

describe('the verification memo reads a PINT chain entry once per text', () => {
  it('answers as peekPintJws on an entry and on every changed character of it, one object a text', async () => {
    const built = await buildEnvelope({
      transportDocument: createSampleCorridorBill({
        reference: 'LSMEMO01',
        carrier: 'c',
        shipper: 's',
      }) as unknown as Record<string, unknown>,
      platform: 'LSCQ',
      transactions: [
        {
          actionCode: 'ISSUE',
          actor: party('LSCQ', 'CARRIER'),
          recipient: party('LSSG', 'BANK'),
          actionDateTime: '2026-05-01T08:00:00Z',
        },
      ],
      key: await generateSigningKeyPair({ alg: 'EdDSA' }),
    })
    const entry = built.envelope.envelopeTransferChain[0]!
    const texts = [entry, '', '.', 'a.b.c', `${entry}.`, entry.replace('.', '')]
    for (let i = 0; i < entry.length; i += 3) {
      for (const c of ['A', '_', '.', '=', 'é'])
        texts.push(entry.slice(0, i) + c + entry.slice(i + 1))
    }
    const memo = createVerificationMemo({ jsonData: true })
    for (const text of texts) {
      const first = memo.peekPint(text)
      expect(first).toEqual(peekPintJws(text))
      // A text shown again (by a nested bundle) is answered with the same reading.
      expect(memo.peekPint(text)).toBe(first)
    }
    expect(memo.peekPint(entry)).toMatchObject({ eblPlatform: 'LSCQ' })
  })
})

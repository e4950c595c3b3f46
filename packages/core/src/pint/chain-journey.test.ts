import { describe, expect, it } from 'vitest'
import { chainJourney } from './chain-journey.js'
import type { PintChainEntry, PintParty, PintTransaction } from './envelope.js'

const party = (eblPlatform: string, name: string): PintParty => ({
  partyName: name,
  eblPlatform,
  identifyingCodes: [{ codeListProvider: 'W3C', partyCode: `did:example:${name}` }],
})
const tx = (actionCode: string, at: string, to?: PintParty): PintTransaction => ({
  actionCode,
  actor: party('LSCQ', 'actor'),
  ...(to ? { recipient: to } : {}),
  actionDateTime: at,
})
const entry = (eblPlatform: string, transactions: PintTransaction[]): PintChainEntry => ({
  eblPlatform,
  transportDocumentChecksum: 'c'.repeat(64),
  transactions,
})

describe('chainJourney', () => {
  it('gives each platform its turn, from the transaction that handed the bill over', () => {
    const legs = chainJourney([
      entry('LSCQ', [
        tx('ISSU', '2026-05-01T00:00:00Z', party('LSCQ', 'shipper')),
        tx('TRNS', '2026-05-02T00:00:00Z', party('LSSG', 'consignee')),
      ]),
      entry('LSSG', [
        tx('ENDU', '2026-05-03T00:00:00Z', party('LSSG', 'bank')),
        tx('SURR', '2026-05-04T00:00:00Z', party('LSCQ', 'carrier')),
      ]),
    ])
    expect(legs).toEqual([
      { platform: 'LSCQ', from: '2026-05-01T00:00:00Z', until: '2026-05-02T00:00:00Z' },
      { platform: 'LSSG', from: '2026-05-02T00:00:00Z', until: '2026-05-04T00:00:00Z' },
    ])
  })

  it('joins consecutive entries of one platform into one leg', () => {
    const legs = chainJourney([
      entry('WAVE', [tx('ISSU', '2026-05-01T00:00:00Z')]),
      entry('WAVE', [tx('TRNS', '2026-05-02T00:00:00Z')]),
      entry('LSCQ', [tx('TRNS', '2026-05-05T00:00:00Z')]),
    ])
    expect(legs.map((l) => [l.platform, l.from, l.until])).toEqual([
      ['WAVE', '2026-05-01T00:00:00Z', '2026-05-02T00:00:00Z'],
      ['LSCQ', '2026-05-02T00:00:00Z', '2026-05-05T00:00:00Z'],
    ])
  })
})

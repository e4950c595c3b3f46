import { describe, expect, it } from 'vitest'
import type { PintTransfer } from '../../lib/pint-transfers.js'
import { platformJourney } from './platform-journey.js'

const transfer = (over: Partial<PintTransfer>): PintTransfer => ({
  id: 't',
  documentId: 'b',
  platform: 'LSSG',
  actor: 'shipper',
  action: 'ENDORSE_TO_ORDER',
  status: 'TRANSFERRED',
  attempts: 1,
  responseCode: 'RECE',
  lastError: null,
  createdAt: '2026-05-02T00:00:00Z',
  updatedAt: '2026-05-02T00:00:01Z',
  ...over,
})

describe('platformJourney', () => {
  it('holds the bill here from its issue while it has not left', () => {
    expect(platformJourney('LSCQ', '2026-05-01T00:00:00Z', [])).toEqual({
      legs: [{ platform: 'LSCQ', from: '2026-05-01T00:00:00Z' }],
      failures: [],
    })
  })

  it('hands it to the platform that accepted it, and keeps refusals and a pending send apart', () => {
    const refused = transfer({
      id: 'r',
      platform: 'LSXX',
      status: 'REJECTED',
      responseCode: 'BENV',
      updatedAt: '2026-05-01T12:00:00Z',
    })
    const accepted = transfer({ id: 'a', responseCode: 'DUPE' })
    const journey = platformJourney('LSCQ', '2026-05-01T00:00:00Z', [accepted, refused])
    expect(journey.legs).toEqual([
      { platform: 'LSCQ', from: '2026-05-01T00:00:00Z', until: '2026-05-02T00:00:01Z' },
      { platform: 'LSSG', from: '2026-05-02T00:00:01Z', responseCode: 'DUPE' },
    ])
    expect(journey.failures).toEqual([refused])
    expect(journey.inTransit).toBeUndefined()
    const sending = transfer({ id: 's', status: 'SENDING', responseCode: null })
    expect(platformJourney('LSCQ', '2026-05-01T00:00:00Z', [sending]).inTransit).toBe(sending)
  })
})

describe('platformJourney of a bill that came by PINT', () => {
  const arrival = {
    arrived: true,
    sender: 'LSSG',
    acceptedAt: '2026-05-04T00:00:05Z',
    legs: [
      { platform: 'LSCQ', from: '2026-05-01T00:00:00Z', until: '2026-05-02T00:00:00Z' },
      { platform: 'LSSG', from: '2026-05-02T00:00:00Z', until: '2026-05-04T00:00:00Z' },
    ],
  }

  it('shows the platforms its chain names, then here from its acceptance', () => {
    const journey = platformJourney('LSCQ', '2026-05-01T00:00:00Z', [], arrival)
    expect(journey.legs).toEqual([
      ...arrival.legs,
      { platform: 'LSCQ', from: '2026-05-04T00:00:05Z' },
    ])
  })

  it('leaves out transfers out before the arrival: the chain already holds them', () => {
    const before = transfer({ id: 'b', updatedAt: '2026-05-02T00:00:01Z' })
    const after = transfer({ id: 'a', platform: 'WAVE', updatedAt: '2026-05-06T00:00:00Z' })
    const journey = platformJourney('LSCQ', '2026-05-01T00:00:00Z', [before, after], arrival)
    expect(journey.legs.map((l) => l.platform)).toEqual(['LSCQ', 'LSSG', 'LSCQ', 'WAVE'])
    expect(journey.legs[2]).toEqual({
      platform: 'LSCQ',
      from: '2026-05-04T00:00:05Z',
      until: '2026-05-06T00:00:00Z',
    })
  })
})

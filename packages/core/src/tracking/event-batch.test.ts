import { describe, expect, it } from 'vitest'
import journey from './fixtures/corridor-journey.json' with { type: 'json' }
import { parseEventBatch, prepareEventBatch, toBatchItems } from './event-batch.js'

describe('parseEventBatch', () => {
  it('reads a JSON array and NDJSON alike, keeping malformed lines as items', () => {
    const array = parseEventBatch(JSON.stringify(journey))
    expect(array).toHaveLength(journey.length)
    const ndjson = `${JSON.stringify(journey[0])}\n\n{oops\n${JSON.stringify(journey[1])}\n`
    const items = parseEventBatch(ndjson)
    expect(items).toHaveLength(3)
    expect(items[1]).toEqual({ index: 1, parseError: 'line 2 is not JSON' })
  })

  it('refuses a broken JSON array as a whole', () => {
    expect(() => parseEventBatch('[{"a":1},')).toThrow(
      expect.objectContaining({ code: 'TRACKING_BATCH_MALFORMED' }),
    )
  })
})

describe('prepareEventBatch', () => {
  it('keeps the valid events and returns the rejected ones with reasons', () => {
    const bad = { ...journey[6], equipmentReference: 'APZU4812091' }
    const items = toBatchItems([journey[0], bad, journey[1], 'nonsense'])
    const batch = prepareEventBatch(items)
    expect(batch.valid.map((e) => e.eventID)).toEqual([journey[0]!.eventID, journey[1]!.eventID])
    expect(batch.rejected.map((r) => [r.index, r.issues[0]?.code])).toEqual([
      [1, 'TRACKING_CONTAINER_CHECK_DIGIT'],
      [3, 'TRACKING_FIELD_INVALID'],
    ])
  })

  it('is idempotent by eventID inside a batch and flags a reused ID with new content', () => {
    const changed = { ...journey[8], eventDateTime: '2026-05-02T10:55:00Z' }
    const batch = prepareEventBatch(toBatchItems([journey[8], journey[8], changed]))
    expect(batch.valid).toHaveLength(1)
    expect(batch.duplicates).toEqual([{ index: 1, eventID: journey[8]!.eventID }])
    expect(batch.rejected[0]?.issues[0]?.code).toBe('TRACKING_EVENT_ID_CONFLICT')
  })

  it('gives the same content hash whatever the key order', () => {
    const reordered = Object.fromEntries(Object.entries(journey[8]!).reverse())
    const [a] = prepareEventBatch(toBatchItems([journey[8]])).valid
    const [b] = prepareEventBatch(toBatchItems([reordered])).valid
    expect(a?.contentHash).toBe(b?.contentHash)
    expect(a?.contentHash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('fills the index fields: shipment key, container, transport call, location', () => {
    const [load] = prepareEventBatch(toBatchItems([journey[7]])).valid
    expect(load).toMatchObject({
      shipmentKey: 'LSCKG2605001',
      equipmentReference: 'APZU4812090',
      transportCallID: 'X8083-CKG',
      transportCallSequenceNumber: 1,
      UNLocationCode: 'CNCKG',
      typeCode: 'LOAD',
    })
  })

  it('refuses an oversize batch with a specific error', () => {
    const items = toBatchItems(Array.from({ length: 11 }, () => journey[0]))
    expect(() => prepareEventBatch(items, { maxEvents: 10 })).toThrow(
      expect.objectContaining({ code: 'TRACKING_BATCH_TOO_LARGE' }),
    )
  })
})

import { describe, expect, it } from 'vitest'
import bill from './sample-corridor-bill.json' with { type: 'json' }
import { validateTransportDocument } from './validate-transport-document.js'

const codesOf = (doc: unknown) => validateTransportDocument(doc).map((i) => `${i.path} ${i.code}`)

describe('validateTransportDocument', () => {
  it('accepts the corridor multimodal bill', () => {
    expect(validateTransportDocument(bill)).toEqual([])
  })

  it('lists every problem, with paths and codes', () => {
    const broken = {
      ...bill,
      transportDocumentTypeCode: 'XYZ',
      isToOrder: 'yes',
      surprise: 1,
      transports: {
        ...bill.transports,
        preCarriageBy: 'TRUCK',
        portOfLoading: { UNLocationCode: 'cnqzh' },
      },
    }
    expect(codesOf(broken)).toEqual(
      expect.arrayContaining([
        '/transportDocumentTypeCode ENUM',
        '/isToOrder TYPE',
        '/surprise UNKNOWN_FIELD',
        '/transports/preCarriageBy RULE',
        '/transports/portOfLoading/UNLocationCode FORMAT',
      ]),
    )
  })

  it('requires a named consignee organisation on a straight bill and forbids an endorsee', () => {
    const straight = {
      ...bill,
      isToOrder: false,
      documentParties: {
        ...bill.documentParties,
        endorsee: { partyName: 'X', identifyingCodes: [] },
      },
    }
    expect(codesOf(straight)).toEqual(
      expect.arrayContaining([
        '/documentParties/consignee REQUIRED',
        '/documentParties/endorsee RULE',
      ]),
    )
  })

  it('rejects a to-order sea waybill, two originals, and arrival before departure', () => {
    const doc = {
      ...bill,
      transportDocumentTypeCode: 'SWB',
      numberOfOriginalsWithoutCharges: 2,
      transports: { ...bill.transports, plannedArrivalDate: '2026-11-01' },
    }
    expect(codesOf(doc)).toEqual(
      expect.arrayContaining([
        '/isToOrder RULE',
        '/numberOfOriginalsWithCharges RULE',
        '/transports/plannedArrivalDate RULE',
      ]),
    )
  })

  it('requires the rail-leg extension on a corridor bill and checks its fields', () => {
    const { landseaRailLeg: _omit, ...noRail } = bill
    expect(codesOf(noRail)).toContain('/landseaRailLeg REQUIRED')
    const badRail = { ...bill, landseaRailLeg: { trainNumber: 'X1', extra: true } }
    expect(codesOf(badRail)).toEqual(
      expect.arrayContaining([
        '/landseaRailLeg/extra UNKNOWN_FIELD',
        '/landseaRailLeg/railWaybillNumber REQUIRED',
        '/landseaRailLeg/departureStation REQUIRED',
      ]),
    )
  })

  it('answers non-objects with one issue instead of throwing', () => {
    for (const input of [null, 42, 'bill', [], undefined]) {
      expect(validateTransportDocument(input)).toEqual([
        { path: '', code: 'TYPE', message: 'the transport document must be a JSON object' },
      ])
    }
  })
})

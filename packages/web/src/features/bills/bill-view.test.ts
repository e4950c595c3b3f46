import type { TransportDocument } from '@landsea/core/ebl'
import { describe, expect, it } from 'vitest'
import { readBillView } from './bill-view.js'
import corridorBill from './fixtures/corridor-bill.json'

const bill = corridorBill as unknown as TransportDocument

describe('readBillView', () => {
  const view = readBillView(bill)

  it('reads the boxes of the corridor bill', () => {
    expect(view.reference).toBe('LSCKG2611270001')
    expect(view.isToOrder).toBe(true)
    expect(view.parties.find((b) => b.field === 'shipper')?.lines[0]).toBe(
      'Chongqing Laptop Manufacturing Co., Ltd.',
    )
    expect(view.parties.find((b) => b.field === 'issuingParty')?.lines).toEqual([
      'Chongqing Land-Sea Multimodal Co., Ltd.',
      'Tuanjiecun, Chongqing, CN',
    ])
    expect(view.parties[1]).toEqual({ field: 'toOrderOf', lines: [] })
    expect(view.places.find((b) => b.field === 'placeOfReceipt')?.lines).toEqual([
      'CHONGQING TUANJIECUN RAIL PORT',
    ])
    expect(view.places.find((b) => b.field === 'preCarriageBy')?.lines).toEqual(['RAIL'])
    expect(view.places.find((b) => b.field === 'portOfLoading')?.lines).toEqual([
      'Qinzhou',
      'CNQZH',
    ])
    expect(view.vesselVoyages).toEqual(['BEIBU GULF STAR / 2648S'])
    expect(view.railLeg).toBe('X9501 · CQ-QZ-2611270001 · 3467521')
  })

  it('reads cargo, containers and totals', () => {
    expect(view.containers).toEqual([
      { equipmentReference: 'MSKU7382940', isoCode: '42G1', seals: ['CQ2611270001'] },
    ])
    expect(view.goods).toEqual(['NOTEBOOK COMPUTERS', '1,200 UNITS IN 100 CARTONS'])
    expect(view.hsCodes).toEqual(['847130'])
    expect(view.packages).toEqual({ count: 100, description: 'Cartons' })
    expect(view.grossWeightKg).toBe(9800)
    expect(view.freight).toBe('PRE')
    expect(view.originals).toBe(1)
    expect(view.isShippedOnBoard).toBe(false)
  })

  it('names the consignee of a straight bill and converts pounds', () => {
    const straight = {
      ...bill,
      isToOrder: false,
      documentParties: {
        ...bill.documentParties,
        consignee: { partyName: 'Lion City Electronics Pte. Ltd.' },
      },
      consignmentItems: [
        {
          cargoItems: [
            {
              cargoGrossWeight: { value: 1000, unit: 'LBR' },
              outerPackaging: { numberOfPackages: 2 },
            },
          ],
        },
      ],
    } as unknown as TransportDocument
    const v = readBillView(straight)
    expect(v.parties[1]).toEqual({ field: 'consignee', lines: ['Lion City Electronics Pte. Ltd.'] })
    expect(v.grossWeightKg).toBeCloseTo(453.59237, 5)
  })

  it('never throws on a hostile document', () => {
    for (const odd of [
      null,
      42,
      'bill',
      [],
      { documentParties: 7, transports: [], consignmentItems: {} },
    ]) {
      const v = readBillView(odd as unknown as TransportDocument)
      expect(v.reference).toBe('—')
      expect(v.containers).toEqual([])
    }
    const unknownUnit = {
      ...bill,
      consignmentItems: [{ cargoItems: [{ cargoGrossWeight: { value: 1, unit: 'TNE' } }] }],
    }
    expect(readBillView(unknownUnit as unknown as TransportDocument).grossWeightKg).toBeNull()
  })
})

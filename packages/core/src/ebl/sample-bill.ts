import bill from './sample-corridor-bill.json' with { type: 'json' }
import { LANDSEA_ORG_CODE_LIST, type TransportDocument } from './transport-document.js'

const orgCode = (id: string) => [
  { codeListProvider: 'ZZZ', codeListName: LANDSEA_ORG_CODE_LIST, partyCode: id },
]

/**
 * A draft corridor bill (Chongqing rail → Qinzhou → sea → port of discharge) naming the given organisations,
 * for the demo, examples, tests and benchmarks.
 */
export function createSampleCorridorBill({
  reference,
  carrier,
  shipper,
  consignee,
  isToOrder = true,
  portOfDischarge = 'SGSIN',
  equipmentReference = 'MSKU7382940',
  partyNames = {},
}: {
  reference: string
  carrier: string
  shipper: string
  consignee?: string
  isToOrder?: boolean
  portOfDischarge?: string
  equipmentReference?: string
  /** Legal names to print for the parties, when known (the fixture's otherwise). */
  partyNames?: { carrier?: string; shipper?: string; consignee?: string }
}): TransportDocument {
  const draft = structuredClone(bill) as unknown as TransportDocument & Record<string, unknown>
  const parties = draft.documentParties as Record<string, unknown>
  const issuing = parties.issuingParty as Record<string, unknown>
  const shipping = parties.shipper as Record<string, unknown>
  issuing.identifyingCodes = orgCode(carrier)
  shipping.identifyingCodes = orgCode(shipper)
  if (partyNames.carrier) issuing.partyName = partyNames.carrier
  if (partyNames.shipper) shipping.partyName = partyNames.shipper
  if (consignee) {
    parties.consignee = {
      partyName: partyNames.consignee ?? 'Lion City Electronics Pte. Ltd.',
      identifyingCodes: orgCode(consignee),
    }
  }
  const transports = draft.transports as unknown as Record<string, Record<string, unknown>>
  transports.portOfDischarge = { UNLocationCode: portOfDischarge }
  const items = draft.consignmentItems as unknown as {
    cargoItems: { equipmentReference: string }[]
  }[]
  for (const ci of items[0]?.cargoItems ?? []) ci.equipmentReference = equipmentReference
  const equipment = draft.utilizedTransportEquipments as unknown as {
    equipment: { equipmentReference: string }
  }[]
  if (equipment[0]) equipment[0].equipment.equipmentReference = equipmentReference
  return { ...draft, transportDocumentReference: reference, isToOrder }
}

import { describe, expect, it } from 'vitest'
import { listOpenApiExamples } from './openapi-examples.js'
import { validateAgainst, type SchemaIssue } from './validate-against.js'

const TRANSPORT_DOCUMENT = 'dcsa-ebl-3.0.3#/components/schemas/TransportDocument'
const SCHEMAS = 'dcsa-ebl-3.0.3#/components/schemas'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const dcsaTransportDocuments = listOpenApiExamples(
  'dcsa-ebl-3.0.3',
  (v) => typeof v.transportDocumentStatus === 'string' && typeof v.transports === 'object',
)
const regular = () => structuredClone(dcsaTransportDocuments[0]!.value) as Json

const refusal = (issues: SchemaIssue[]) => issues.map((i) => `${i.path} ${i.code} ${i.schemaPath}`)

describe('DCSA eBL 3.0.3 TransportDocument, loaded from the standard', () => {
  it("accepts every one of DCSA's own example transport documents", () => {
    expect(dcsaTransportDocuments.length).toBe(8)
    for (const { name, value } of dcsaTransportDocuments) {
      expect(validateAgainst(TRANSPORT_DOCUMENT, value), name).toEqual([])
    }
  })

  it('leaves notifyParties out of a to-order bill as DCSA does (DocumentParties: notifyParties is conditional)', () => {
    const toOrder = dcsaTransportDocuments.filter(({ value }) => (value as Json).isToOrder === true)
    expect(toOrder.length).toBeGreaterThan(0)
    for (const { value } of toOrder)
      expect((value as Json).documentParties.notifyParties).toBeUndefined()
  })

  // One mutation per rule class of the schema, each refused with the rule's place in the standard.
  const mutations: [string, (td: Json) => void, string][] = [
    [
      'pattern: transportDocumentReference has no leading space',
      (td) => (td.transportDocumentReference = ' 62CD536BA8D34C469AFD'),
      `/transportDocumentReference SCHEMA_PATTERN ${SCHEMAS}/TransportDocument/properties/transportDocumentReference/pattern`,
    ],
    [
      'required: issuingParty has an address',
      (td) => delete td.documentParties.issuingParty.address,
      `/documentParties/issuingParty/address SCHEMA_REQUIRED ${SCHEMAS}/IssuingParty/required`,
    ],
    [
      'enum: a weight unit is KGM or LBR',
      (td) => (td.consignmentItems[0].cargoItems[0].cargoGrossWeight.unit = 'TON'),
      `/consignmentItems/0/cargoItems/0/cargoGrossWeight/unit SCHEMA_ENUM ${SCHEMAS}/CargoGrossWeight/properties/unit/enum`,
    ],
    [
      'maxLength: an ISOEquipmentCode has at most 4 characters',
      (td) =>
        (td.utilizedTransportEquipments[0] = {
          isShipperOwned: true,
          equipment: { equipmentReference: 'APZU4812090', ISOEquipmentCode: '22G1X' },
          seals: [{ number: 'S1' }],
        }),
      `/utilizedTransportEquipments/0/equipment/ISOEquipmentCode SCHEMA_MAX_LENGTH ${SCHEMAS}/Equipment/properties/ISOEquipmentCode/maxLength`,
    ],
    [
      'pattern: a currency is 3 capital letters',
      (td) => (td.declaredValueCurrency = 'USDX'),
      `/declaredValueCurrency SCHEMA_PATTERN ${SCHEMAS}/TransportDocument/properties/declaredValueCurrency/pattern`,
    ],
    [
      'type: an amount is a number',
      (td) => (td.declaredValue = '1000'),
      `/declaredValue SCHEMA_TYPE ${SCHEMAS}/TransportDocument/properties/declaredValue/type`,
    ],
    [
      'minimum: numberOfRiderPages is not negative',
      (td) => (td.numberOfRiderPages = -1),
      `/numberOfRiderPages SCHEMA_MINIMUM ${SCHEMAS}/TransportDocument/properties/numberOfRiderPages/minimum`,
    ],
    [
      'exclusiveMinimum (OpenAPI 3.0 boolean form): a gross weight is above 0',
      (td) => (td.consignmentItems[0].cargoItems[0].cargoGrossWeight.value = 0),
      `/consignmentItems/0/cargoItems/0/cargoGrossWeight/value SCHEMA_EXCLUSIVE_MINIMUM ${SCHEMAS}/CargoGrossWeight/properties/value/exclusiveMinimum`,
    ],
    [
      'format: shippedOnBoardDate is a date',
      (td) => (td.shippedOnBoardDate = '2020-13-45'),
      `/shippedOnBoardDate SCHEMA_FORMAT ${SCHEMAS}/TransportDocument/properties/shippedOnBoardDate/format`,
    ],
    [
      'minItems: a transport document has a consignment item',
      (td) => (td.consignmentItems = []),
      `/consignmentItems SCHEMA_MIN_ITEMS ${SCHEMAS}/TransportDocument/properties/consignmentItems/minItems`,
    ],
    [
      'anyOf: a contact has a phone or an email',
      (td) => (td.partyContactDetails = [{ name: 'Wang Fang' }]),
      `/partyContactDetails/0 SCHEMA_ANY_OF ${SCHEMAS}/PartyContactDetail/anyOf`,
    ],
  ]
  for (const [rule, mutate, expected] of mutations) {
    it(`refuses a document breaking ${rule}`, () => {
      const td = regular()
      mutate(td)
      expect(refusal(validateAgainst(TRANSPORT_DOCUMENT, td))).toContain(expected)
    })
  }
})

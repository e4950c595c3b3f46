/**
 * A DCSA T&T 2.2 gate-in at a door-delivery address (demo and test data): the container arrives at
 * the consignee's door; with `name`, the address names the individual who receives it (personal
 * data, docs/privacy.md).
 */
export function createDoorDeliveryEvent({
  eventID,
  reference,
  name,
}: {
  eventID: string
  /** The transport document reference the event names. */
  reference: string
  name?: string
}) {
  return {
    eventID,
    eventCreatedDateTime: '2026-05-02T06:10:00Z',
    eventClassifierCode: 'ACT',
    eventDateTime: '2026-05-02T06:00:00Z',
    eventType: 'EQUIPMENT',
    equipmentEventTypeCode: 'GTIN',
    emptyIndicatorCode: 'LADEN',
    equipmentReference: 'APZU4812090',
    ISOEquipmentCode: '45G1',
    eventLocation: {
      locationName: 'Consignee door',
      UNLocationCode: 'SGSIN',
      ...(name === undefined
        ? {}
        : { address: { name, street: 'Jurong Port Road', city: 'Singapore', country: 'SG' } }),
    },
    documentReferences: [{ documentReferenceType: 'TRD', documentReferenceValue: reference }],
  }
}

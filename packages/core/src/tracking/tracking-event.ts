import type {
  CustomsMilestoneCode,
  DocumentReferenceType,
  DocumentTypeCode,
  EmptyIndicatorCode,
  EquipmentEventTypeCode,
  EventClassifierCode,
  FacilityTypeCode,
  ModeOfTransport,
  ShipmentEventTypeCode,
  TransportEventTypeCode,
} from './codes.js'

/** T&T 2.2 `location`: a place by UN/LOCODE and/or coordinates and facility. */
export interface EventLocation {
  readonly locationName?: string
  readonly latitude?: string
  readonly longitude?: string
  readonly UNLocationCode?: string
  readonly facilityCode?: string
  readonly facilityCodeListProvider?: 'BIC' | 'SMDG'
}

/** T&T 2.2 `vessel` of a VESSEL transport call. */
export interface Vessel {
  readonly vesselIMONumber?: string
  readonly vesselName?: string
  readonly vesselFlag?: string
  readonly vesselCallSignNumber?: string
  readonly vesselOperatorCarrierCode?: string
  readonly vesselOperatorCarrierCodeListProvider?: 'SMDG' | 'NMFTA'
}

/** T&T 2.2 `transportCall`: one stop of one conveyance (train, vessel, truck, barge). */
export interface TransportCall {
  readonly transportCallID: string
  readonly modeOfTransport: ModeOfTransport
  readonly transportCallSequenceNumber?: number
  readonly carrierServiceCode?: string
  readonly exportVoyageNumber?: string
  readonly importVoyageNumber?: string
  readonly UNLocationCode?: string
  readonly facilityCode?: string
  readonly facilityCodeListProvider?: 'BIC' | 'SMDG'
  readonly facilityTypeCode?: FacilityTypeCode
  readonly otherFacility?: string
  readonly location?: EventLocation
  readonly vessel?: Vessel
}

/** T&T 2.2 `documentReferences` item: the booking or transport document an event belongs to. */
export interface DocumentReference {
  readonly documentReferenceType: DocumentReferenceType
  readonly documentReferenceValue: string
}

/** T&T 2.2 `references` item (FF, SI, PO, CR, AAO, EQ). */
export interface Reference {
  readonly referenceType: string
  readonly referenceValue: string
}

/** T&T 2.2 `seals` item. */
export interface Seal {
  readonly sealNumber: string
  readonly sealSource?: string
  readonly sealType?: string
}

/**
 * Landsea extension on SHIPMENT events with `documentTypeCode: CUS`: the customs or Single Window
 * milestone, the declaration number and the authority that decided it.
 */
export interface CustomsMilestone {
  readonly milestoneCode: CustomsMilestoneCode
  readonly declarationNumber: string
  /** Authority, e.g. `CN-GACC` (China Customs) or `SG-CUSTOMS`. */
  readonly authority: string
}

/** Fields every T&T 2.2 event carries. */
export interface EventCommon {
  readonly eventID: string
  readonly eventCreatedDateTime: string
  readonly eventClassifierCode: EventClassifierCode
  readonly eventDateTime: string
  readonly documentReferences?: readonly DocumentReference[]
  readonly references?: readonly Reference[]
}

/** A SHIPMENT event: a document or customs status change. */
export interface ShipmentEvent extends EventCommon {
  readonly eventType: 'SHIPMENT'
  readonly shipmentEventTypeCode: ShipmentEventTypeCode
  readonly documentTypeCode: DocumentTypeCode
  readonly documentID: string
  readonly reason?: string
  readonly customsMilestone?: CustomsMilestone
}

/** A TRANSPORT event: a conveyance arriving at or departing from a transport call. */
export interface TransportEvent extends EventCommon {
  readonly eventType: 'TRANSPORT'
  readonly transportEventTypeCode: TransportEventTypeCode
  readonly transportCall: TransportCall
  readonly delayReasonCode?: string
  readonly changeRemark?: string
}

/** An EQUIPMENT event: something happening to a container. */
export interface EquipmentEvent extends EventCommon {
  readonly eventType: 'EQUIPMENT'
  readonly equipmentEventTypeCode: EquipmentEventTypeCode
  readonly emptyIndicatorCode: EmptyIndicatorCode
  readonly equipmentReference?: string
  readonly ISOEquipmentCode?: string
  readonly eventLocation?: EventLocation
  readonly transportCall?: TransportCall
  readonly seals?: readonly Seal[]
}

/** A validated DCSA T&T 2.2 event (with the Landsea customs extension). */
export type TrackingEvent = ShipmentEvent | TransportEvent | EquipmentEvent

/** The code that says what happened, whatever the family: ARRI, LOAD, HOLD, … */
export function eventTypeCodeOf(event: TrackingEvent): string {
  switch (event.eventType) {
    case 'SHIPMENT':
      return event.shipmentEventTypeCode
    case 'TRANSPORT':
      return event.transportEventTypeCode
    case 'EQUIPMENT':
      return event.equipmentEventTypeCode
  }
}

/** The UN/LOCODE where the event happened, if it says. */
export function unLocationCodeOf(event: TrackingEvent): string | undefined {
  if (event.eventType === 'TRANSPORT') {
    return event.transportCall.UNLocationCode ?? event.transportCall.location?.UNLocationCode
  }
  if (event.eventType === 'EQUIPMENT') {
    return (
      event.eventLocation?.UNLocationCode ??
      event.transportCall?.UNLocationCode ??
      event.transportCall?.location?.UNLocationCode
    )
  }
  return undefined
}

/** The transport document reference (bill) the event belongs to, if it says. */
export function transportDocumentReferenceOf(event: TrackingEvent): string | undefined {
  if (event.eventType === 'SHIPMENT' && event.documentTypeCode === 'TRD') return event.documentID
  return event.documentReferences?.find((r) => r.documentReferenceType === 'TRD')
    ?.documentReferenceValue
}

/** The carrier booking reference the event belongs to, if it says. */
export function carrierBookingReferenceOf(event: TrackingEvent): string | undefined {
  if (event.eventType === 'SHIPMENT' && event.documentTypeCode === 'BKG') return event.documentID
  return event.documentReferences?.find((r) => r.documentReferenceType === 'BKG')
    ?.documentReferenceValue
}

/**
 * The key a shipment's timeline is filed under: the transport document reference when known
 * (shipments hang off bills), else the booking reference.
 */
export function shipmentKeyOf(event: TrackingEvent): string | undefined {
  return transportDocumentReferenceOf(event) ?? carrierBookingReferenceOf(event)
}

/** The container number of an EQUIPMENT event. */
export function equipmentReferenceOf(event: TrackingEvent): string | undefined {
  return event.eventType === 'EQUIPMENT' ? event.equipmentReference : undefined
}

/** The transport call an event is about, if any. */
export function transportCallOf(event: TrackingEvent): TransportCall | undefined {
  return event.eventType === 'SHIPMENT' ? undefined : event.transportCall
}

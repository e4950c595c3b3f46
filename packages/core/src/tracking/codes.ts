/**
 * Code lists of DCSA Track & Trace 2.2 (`tnt_v2.2.0.yaml`, Apache-2.0), spelled exactly as the
 * specification spells them, plus the Landsea customs extension.
 */

/** `eventType`: the three T&T 2.2 event families. */
export const EVENT_TYPES = ['SHIPMENT', 'TRANSPORT', 'EQUIPMENT'] as const
/** One of {@link EVENT_TYPES}. */
export type EventType = (typeof EVENT_TYPES)[number]

/** `eventClassifierCode`: planned, actual, estimated. */
export const EVENT_CLASSIFIER_CODES = ['PLN', 'ACT', 'EST'] as const
/** One of {@link EVENT_CLASSIFIER_CODES}. */
export type EventClassifierCode = (typeof EVENT_CLASSIFIER_CODES)[number]

/** `transportEventTypeCode`: arrival and departure of a transport call. */
export const TRANSPORT_EVENT_TYPE_CODES = ['ARRI', 'DEPA'] as const
/** One of {@link TRANSPORT_EVENT_TYPE_CODES}. */
export type TransportEventTypeCode = (typeof TRANSPORT_EVENT_TYPE_CODES)[number]

/** `equipmentEventTypeCode`: container milestones. */
export const EQUIPMENT_EVENT_TYPE_CODES = [
  'LOAD',
  'DISC',
  'GTIN',
  'GTOT',
  'STUF',
  'STRP',
  'PICK',
  'DROP',
  'INSP',
  'RSEA',
  'RMVD',
] as const
/** One of {@link EQUIPMENT_EVENT_TYPE_CODES}. */
export type EquipmentEventTypeCode = (typeof EQUIPMENT_EVENT_TYPE_CODES)[number]

/** `shipmentEventTypeCode`: document and shipment status codes (HOLD/RELS carry customs status). */
export const SHIPMENT_EVENT_TYPE_CODES = [
  'RECE',
  'DRFT',
  'PENA',
  'PENU',
  'REJE',
  'APPR',
  'ISSU',
  'SURR',
  'SUBM',
  'VOID',
  'CONF',
  'REQS',
  'CMPL',
  'HOLD',
  'RELS',
] as const
/** One of {@link SHIPMENT_EVENT_TYPE_CODES}. */
export type ShipmentEventTypeCode = (typeof SHIPMENT_EVENT_TYPE_CODES)[number]

/** `documentTypeCode` of SHIPMENT events; CUS is the customs inspection document. */
export const DOCUMENT_TYPE_CODES = [
  'CBR',
  'BKG',
  'SHI',
  'SRM',
  'TRD',
  'ARN',
  'VGM',
  'CAS',
  'CUS',
  'DGD',
  'OOG',
] as const
/** One of {@link DOCUMENT_TYPE_CODES}. */
export type DocumentTypeCode = (typeof DOCUMENT_TYPE_CODES)[number]

/** `modeOfTransport` of a transport call. */
export const MODES_OF_TRANSPORT = ['VESSEL', 'RAIL', 'TRUCK', 'BARGE'] as const
/** One of {@link MODES_OF_TRANSPORT}. */
export type ModeOfTransport = (typeof MODES_OF_TRANSPORT)[number]

/** `facilityTypeCode`: BOCR border crossing, INTE inland terminal, POTE port terminal, RAMP rail ramp. */
export const FACILITY_TYPE_CODES = [
  'BOCR',
  'CLOC',
  'COFS',
  'COYA',
  'OFFD',
  'DEPO',
  'INTE',
  'POTE',
  'RAMP',
] as const
/** One of {@link FACILITY_TYPE_CODES}. */
export type FacilityTypeCode = (typeof FACILITY_TYPE_CODES)[number]

/** `emptyIndicatorCode` of EQUIPMENT events. */
export const EMPTY_INDICATOR_CODES = ['EMPTY', 'LADEN'] as const
/** One of {@link EMPTY_INDICATOR_CODES}. */
export type EmptyIndicatorCode = (typeof EMPTY_INDICATOR_CODES)[number]

/** `documentReferenceType` of `documentReferences`: booking and transport document. */
export const DOCUMENT_REFERENCE_TYPES = ['BKG', 'TRD'] as const
/** One of {@link DOCUMENT_REFERENCE_TYPES}. */
export type DocumentReferenceType = (typeof DOCUMENT_REFERENCE_TYPES)[number]

/**
 * Landsea extension: customs and Single Window milestones, carried on a SHIPMENT event with
 * `documentTypeCode: CUS` in the `customsMilestone` object. Each maps onto a standard
 * `shipmentEventTypeCode` (see {@link CUSTOMS_MILESTONE_TO_SHIPMENT_CODE}) so a plain T&T 2.2
 * consumer still reads a sensible event.
 */
export const CUSTOMS_MILESTONE_CODES = [
  'DECLARATION_LODGED',
  'UNDER_INSPECTION',
  'RELEASED',
  'HELD',
] as const
/** One of {@link CUSTOMS_MILESTONE_CODES}. */
export type CustomsMilestoneCode = (typeof CUSTOMS_MILESTONE_CODES)[number]

/** The standard `shipmentEventTypeCode` each customs milestone must be sent with. */
export const CUSTOMS_MILESTONE_TO_SHIPMENT_CODE: Readonly<
  Record<CustomsMilestoneCode, ShipmentEventTypeCode>
> = {
  DECLARATION_LODGED: 'SUBM',
  UNDER_INSPECTION: 'PENA',
  RELEASED: 'RELS',
  HELD: 'HOLD',
}

/** True when `value` is one of `list`; narrows the type. */
export function isCode<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value)
}

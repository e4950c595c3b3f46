import type {
  CustomsMilestoneCode,
  EquipmentEventTypeCode,
  EventClassifierCode,
  TransportEventTypeCode,
} from '../tracking/codes.js'
import { CUSTOMS_MILESTONE_TO_SHIPMENT_CODE } from '../tracking/codes.js'
import { formatEventTime } from '../tracking/event-time.js'
import type {
  DocumentReference,
  EquipmentEvent,
  ShipmentEvent,
  TransportCall,
  TransportEvent,
} from '../tracking/tracking-event.js'
import type { Random } from './random.js'

/** What every event of one simulated shipment shares. */
export interface ShipmentContext {
  readonly rng: Random
  readonly transportDocumentReference: string
  readonly carrierBookingReference: string
  readonly equipmentReference: string
}

/** A UUIDv7-shaped identifier from a time and the seeded generator (reproducible). */
export function simulatedUuid(rng: Random, ms: number): string {
  const t = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12)
  const r = `${rng.hex32()}${rng.hex32()}${rng.hex32()}`
  const variant = '89ab'.charAt(Number.parseInt(r.charAt(3), 16) % 4)
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${r.slice(0, 3)}-${variant}${r.slice(4, 7)}-${r.slice(7, 19)}`
}

function references(ctx: ShipmentContext): readonly DocumentReference[] {
  return [
    { documentReferenceType: 'BKG', documentReferenceValue: ctx.carrierBookingReference },
    { documentReferenceType: 'TRD', documentReferenceValue: ctx.transportDocumentReference },
  ]
}

function common(ctx: ShipmentContext, cls: EventClassifierCode, atMs: number, createdMs: number) {
  return {
    eventID: simulatedUuid(ctx.rng, createdMs),
    eventCreatedDateTime: formatEventTime(createdMs),
    eventClassifierCode: cls,
    eventDateTime: formatEventTime(atMs),
    documentReferences: references(ctx),
  }
}

/** A TRANSPORT event of the shipment's conveyance. */
export function transportEvent(
  ctx: ShipmentContext,
  cls: EventClassifierCode,
  code: TransportEventTypeCode,
  call: TransportCall,
  atMs: number,
  createdMs: number,
): TransportEvent {
  return {
    ...common(ctx, cls, atMs, createdMs),
    eventType: 'TRANSPORT',
    transportEventTypeCode: code,
    transportCall: call,
  }
}

/** An EQUIPMENT event of the shipment's container, at a transport call or a place. */
export function equipmentEvent(
  ctx: ShipmentContext,
  code: EquipmentEventTypeCode,
  where: { readonly call: TransportCall } | { readonly UNLocationCode: string },
  atMs: number,
  createdMs: number,
): EquipmentEvent {
  return {
    ...common(ctx, 'ACT', atMs, createdMs),
    eventType: 'EQUIPMENT',
    equipmentEventTypeCode: code,
    emptyIndicatorCode: 'LADEN',
    equipmentReference: ctx.equipmentReference,
    ISOEquipmentCode: '45G1',
    ...('call' in where
      ? { transportCall: where.call }
      : { eventLocation: { UNLocationCode: where.UNLocationCode } }),
  }
}

/** A customs milestone (Landsea extension on a SHIPMENT event with documentTypeCode CUS). */
export function customsEvent(
  ctx: ShipmentContext,
  milestoneCode: CustomsMilestoneCode,
  declarationNumber: string,
  authority: string,
  atMs: number,
  createdMs: number,
): ShipmentEvent {
  return {
    ...common(ctx, 'ACT', atMs, createdMs),
    eventType: 'SHIPMENT',
    shipmentEventTypeCode: CUSTOMS_MILESTONE_TO_SHIPMENT_CODE[milestoneCode],
    documentTypeCode: 'CUS',
    documentID: declarationNumber,
    customsMilestone: { milestoneCode, declarationNumber, authority },
  }
}

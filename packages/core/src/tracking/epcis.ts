import { canonicalJson, sha256Hex } from '../crypto/index.js'
import type { CustomsMilestoneCode, EquipmentEventTypeCode } from './codes.js'
import type { BatchItem } from './event-batch.js'
import { readObjectEvent, type ObjectEvent } from './epcis-objects.js'
import { TrackingError, type TrackingIssue } from './tracking-error.js'
import {
  transportDocumentReferenceOf,
  unLocationCodeOf,
  type TrackingEvent,
} from './tracking-event.js'

/** JSON-LD context of EPCIS 2.0 documents. */
export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'
/** Namespace of the Landsea EPCIS extension fields (`landsea:dcsaEvent`). */
export const LANDSEA_EPCIS_NAMESPACE = 'https://landsea.dev/ns/epcis#'

/** An EPCIS 2.0 event as Landsea writes and reads it (a subset; other fields are kept as-is). */
export interface EpcisEvent {
  readonly type: 'ObjectEvent' | 'AggregationEvent'
  readonly eventID: string
  readonly eventTime: string
  readonly eventTimeZoneOffset: string
  readonly recordTime?: string
  readonly action: 'OBSERVE' | 'ADD' | 'DELETE'
  readonly epcList?: readonly string[]
  readonly parentID?: string
  readonly bizStep: string
  readonly disposition: string
  readonly readPoint?: { readonly id: string }
  readonly bizLocation?: { readonly id: string }
  readonly bizTransactionList?: readonly {
    readonly type: string
    readonly bizTransaction: string
  }[]
  /** The DCSA event this EPCIS event was mapped from, so a round trip loses nothing. */
  readonly 'landsea:dcsaEvent'?: TrackingEvent
}

/** An EPCIS 2.0 JSON-LD document holding events. */
export interface EpcisDocument {
  readonly '@context': readonly (string | Record<string, string>)[]
  readonly type: 'EPCISDocument'
  readonly schemaVersion: '2.0'
  readonly creationDate: string
  readonly epcisBody: { readonly eventList: readonly EpcisEvent[] }
}

const EQUIPMENT_STEPS: Readonly<
  Record<EquipmentEventTypeCode, { bizStep: string; disposition: string }>
> = {
  GTIN: { bizStep: 'arriving', disposition: 'in_progress' },
  GTOT: { bizStep: 'departing', disposition: 'in_transit' },
  LOAD: { bizStep: 'loading', disposition: 'in_transit' },
  DISC: { bizStep: 'unloading', disposition: 'in_progress' },
  // An observation of the container, not an AggregationEvent: the goods packed are not known here,
  // and GS1's schema requires an ADD or DELETE aggregation to name its children.
  STUF: { bizStep: 'packing', disposition: 'container_closed' },
  STRP: { bizStep: 'unpacking', disposition: 'container_open' },
  PICK: { bizStep: 'departing', disposition: 'in_transit' },
  DROP: { bizStep: 'arriving', disposition: 'in_progress' },
  INSP: { bizStep: 'inspecting', disposition: 'in_progress' },
  RSEA: { bizStep: 'inspecting', disposition: 'conformant' },
  RMVD: { bizStep: 'inspecting', disposition: 'non_conformant' },
}

const CUSTOMS_STEPS: Readonly<
  Record<CustomsMilestoneCode, { bizStep: string; disposition: string }>
> = {
  DECLARATION_LODGED: { bizStep: 'holding', disposition: 'in_progress' },
  UNDER_INSPECTION: { bizStep: 'inspecting', disposition: 'unavailable' },
  HELD: { bizStep: 'holding', disposition: 'unavailable' },
  RELEASED: { bizStep: 'inspecting', disposition: 'available' },
}

/** URI of a container (GS1 Tag Data Standard BIC scheme for ISO 6346 codes). */
export function containerUri(equipmentReference: string): string {
  return `urn:epc:id:bic:${equipmentReference}`
}

/** URI of a place by UN/LOCODE (Landsea URN; EPCIS allows any URI for locations). */
export function locationUri(UNLocationCode: string): string {
  return `urn:landsea:unlocode:${UNLocationCode}`
}

/**
 * Maps one actual (ACT) DCSA event to EPCIS 2.0, or returns undefined when it has no EPCIS
 * meaning (plans, estimates, and document events other than customs milestones).
 */
export function toEpcisEvent(event: TrackingEvent): EpcisEvent | undefined {
  if (event.eventClassifierCode !== 'ACT') return undefined
  const loc = unLocationCodeOf(event)
  const bol = transportDocumentReferenceOf(event)
  const where =
    loc !== undefined
      ? { readPoint: { id: locationUri(loc) }, bizLocation: { id: locationUri(loc) } }
      : {}
  const common = {
    eventID: `urn:uuid:${event.eventID.toLowerCase()}`,
    eventTime: event.eventDateTime,
    eventTimeZoneOffset: zoneOffsetOf(event.eventDateTime),
    recordTime: event.eventCreatedDateTime,
    ...where,
    ...(bol !== undefined
      ? { bizTransactionList: [{ type: 'bol', bizTransaction: `urn:landsea:bol:${bol}` }] }
      : {}),
    'landsea:dcsaEvent': event,
  }
  switch (event.eventType) {
    case 'EQUIPMENT': {
      if (event.equipmentReference === undefined) return undefined
      const step = EQUIPMENT_STEPS[event.equipmentEventTypeCode]
      const uri = containerUri(event.equipmentReference)
      return {
        type: 'ObjectEvent',
        action: 'OBSERVE',
        epcList: [uri],
        bizStep: step.bizStep,
        disposition: step.disposition,
        ...common,
      }
    }
    case 'TRANSPORT': {
      const call = event.transportCall
      const imo = call.vessel?.vesselIMONumber
      const conveyance =
        imo !== undefined
          ? `urn:epc:id:imovn:${imo}`
          : `urn:landsea:transport-call:${encodeURIComponent(call.transportCallID)}`
      const arriving = event.transportEventTypeCode === 'ARRI'
      return {
        type: 'ObjectEvent',
        action: 'OBSERVE',
        epcList: [conveyance],
        bizStep: arriving ? 'arriving' : 'departing',
        disposition: 'in_transit',
        ...common,
      }
    }
    case 'SHIPMENT': {
      if (event.customsMilestone === undefined || bol === undefined) return undefined
      const step = CUSTOMS_STEPS[event.customsMilestone.milestoneCode]
      return {
        type: 'ObjectEvent',
        action: 'OBSERVE',
        epcList: [`urn:landsea:bol:${bol}`],
        ...step,
        ...common,
      }
    }
  }
}

function zoneOffsetOf(dateTime: string): string {
  const m = /([+-]\d{2}:\d{2})$/.exec(dateTime)
  return m?.[1] ?? '+00:00'
}

/** Wraps events in an EPCIS 2.0 JSON-LD document; events without an EPCIS meaning are left out. */
export function toEpcisDocument(
  events: readonly TrackingEvent[],
  creationDate: string,
): EpcisDocument {
  const eventList = events.map(toEpcisEvent).filter((e): e is EpcisEvent => e !== undefined)
  return {
    '@context': [EPCIS_CONTEXT, { landsea: LANDSEA_EPCIS_NAMESPACE }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate,
    epcisBody: { eventList },
  }
}

const STEP_TO_EQUIPMENT: Readonly<Record<string, EquipmentEventTypeCode>> = {
  arriving: 'GTIN',
  receiving: 'GTIN',
  departing: 'GTOT',
  shipping: 'GTOT',
  loading: 'LOAD',
  unloading: 'DISC',
  packing: 'STUF',
  unpacking: 'STRP',
  inspecting: 'INSP',
}

function shortVocab(value: unknown, prefix: string): string | undefined {
  if (typeof value !== 'string') return undefined
  for (const p of [
    `https://ref.gs1.org/cbv/${prefix}-`,
    `urn:epcglobal:cbv:${prefix.toLowerCase()}:`,
  ]) {
    if (value.startsWith(p)) return value.slice(p.length)
  }
  return value
}

/** Result of {@link fromEpcisDocument}: T&T events to validate and ingest, and what could not be mapped. */
export interface EpcisImport {
  readonly events: readonly unknown[]
  /** The same events as batch items whose `index` is their position in `eventList`. */
  readonly items: readonly BatchItem[]
  /** Events of GS1-keyed objects (no T&T meaning), kept as EPCIS events of those objects. */
  readonly objectEvents: readonly { readonly index: number; readonly event: ObjectEvent }[]
  readonly rejected: readonly {
    readonly index: number
    readonly issues: readonly TrackingIssue[]
  }[]
}

/**
 * Reads an EPCIS 2.0 JSON-LD document: container observations (a BIC container URI, a Landsea
 * UN/LOCODE location URI and a known bizStep) become DCSA T&T 2.2 EQUIPMENT events, and events
 * written by {@link toEpcisDocument} come back exactly, from `landsea:dcsaEvent`; every other
 * event is kept as an EPCIS event of the GS1-keyed objects it names ({@link readObjectEvent}).
 * The output still goes through validation. Input is hostile: malformed parts become
 * rejections, never exceptions.
 */
export function fromEpcisDocument(document: unknown): EpcisImport {
  const body = (document as { epcisBody?: { eventList?: unknown } } | null)?.epcisBody
  const list = body?.eventList
  if (typeof document !== 'object' || document === null || !Array.isArray(list)) {
    throw new TrackingError(
      'TRACKING_BATCH_MALFORMED',
      'not an EPCIS document: epcisBody.eventList is missing',
    )
  }
  const items: BatchItem[] = []
  const objectEvents: { index: number; event: ObjectEvent }[] = []
  const rejected: { index: number; issues: TrackingIssue[] }[] = []
  const context = extensionContext((document as { '@context'?: unknown })['@context'])
  list.forEach((raw: unknown, index) => {
    const mapped = fromEpcisEvent(raw)
    if (typeof mapped !== 'string') {
      items.push({ index, value: mapped })
      return
    }
    const read = readObjectEvent(raw, `/epcisBody/eventList/${index}`, context)
    if (Array.isArray(read)) rejected.push({ index, issues: read })
    else objectEvents.push({ index, event: read })
  })
  return {
    events: items.map((i) => (i as { value: unknown }).value),
    items,
    objectEvents,
    rejected,
  }
}

function fromEpcisEvent(raw: unknown): object | string {
  if (typeof raw !== 'object' || raw === null) return 'an EPCIS event must be an object'
  const e = raw as Record<string, unknown>
  const embedded = e['landsea:dcsaEvent'] ?? e[`${LANDSEA_EPCIS_NAMESPACE}dcsaEvent`]
  if (typeof embedded === 'object' && embedded !== null) return embedded
  const bizStep = shortVocab(e['bizStep'], 'BizStep')
  const code = bizStep !== undefined ? STEP_TO_EQUIPMENT[bizStep] : undefined
  if (code === undefined)
    return `bizStep ${JSON.stringify(e['bizStep'])} has no T&T equipment event`
  const epcs = e['type'] === 'AggregationEvent' ? [e['parentID']] : e['epcList']
  const container = Array.isArray(epcs)
    ? epcs.find((x): x is string => typeof x === 'string' && x.startsWith('urn:epc:id:bic:'))
    : undefined
  if (container === undefined) return 'no container (urn:epc:id:bic:…) in the event'
  const place = [
    (e['bizLocation'] as { id?: unknown } | undefined)?.id,
    (e['readPoint'] as { id?: unknown } | undefined)?.id,
  ].find((x): x is string => typeof x === 'string' && x.startsWith('urn:landsea:unlocode:'))
  if (place === undefined) return 'no UN/LOCODE location (urn:landsea:unlocode:…) in the event'
  if (typeof e['eventTime'] !== 'string') return 'eventTime is required'
  const id =
    typeof e['eventID'] === 'string' && e['eventID'].startsWith('urn:uuid:')
      ? e['eventID'].slice(9)
      : uuidFromHash(raw)
  if (id === undefined) return 'the event cannot be expressed as JSON'
  const bols = Array.isArray(e['bizTransactionList'])
    ? (e['bizTransactionList'] as { type?: unknown; bizTransaction?: unknown }[])
        .filter((t) => shortVocab(t?.type, 'BTT') === 'bol' && typeof t.bizTransaction === 'string')
        .map((t) => String(t.bizTransaction).replace(/^urn:landsea:bol:/, ''))
    : []
  return {
    eventID: id,
    eventType: 'EQUIPMENT',
    eventClassifierCode: 'ACT',
    eventCreatedDateTime: typeof e['recordTime'] === 'string' ? e['recordTime'] : e['eventTime'],
    eventDateTime: e['eventTime'],
    equipmentEventTypeCode: code,
    emptyIndicatorCode: 'LADEN',
    equipmentReference: container.slice('urn:epc:id:bic:'.length),
    eventLocation: { UNLocationCode: place.slice('urn:landsea:unlocode:'.length) },
    ...(bols.length > 0
      ? {
          documentReferences: bols.map((v) => ({
            documentReferenceType: 'TRD',
            documentReferenceValue: v,
          })),
        }
      : {}),
  }
}

// A document's @context matters to its events only when it declares more than the EPCIS context.
function extensionContext(context: unknown): unknown {
  const list = Array.isArray(context) ? context : [context]
  return list.some((c) => c !== undefined && c !== EPCIS_CONTEXT) ? context : undefined
}

/** An EPCIS 2.0 document of stored events of GS1-keyed objects, as GS1's schema accepts it. */
export function toObjectEpcisDocument(
  events: readonly Readonly<Record<string, unknown>>[],
  creationDate: string,
): EpcisDocument {
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate,
    epcisBody: { eventList: events as unknown as EpcisEvent[] },
  }
}

// EPCIS eventIDs are often ni:/// hashes rather than UUIDs; derive a stable UUID-shaped ID.
function uuidFromHash(raw: unknown): string | undefined {
  let h: string
  try {
    h = sha256Hex(canonicalJson(raw))
  } catch {
    return undefined
  }
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

import type { CustomsMilestoneCode, ModeOfTransport } from './codes.js'
import { formatEventTime, parseEventTime } from './event-time.js'
import { findLocation, interpolatePosition, type Location } from './location.js'
import {
  eventTypeCodeOf,
  transportCallOf,
  unLocationCodeOf,
  type TrackingEvent,
} from './tracking-event.js'

/** One milestone of a timeline with its planned, estimated and actual times (ISO 8601 UTC). */
export interface Milestone {
  /** Stable key: what happened where, by which mode, e.g. `TRANSPORT DEPA RAIL CNCKG`. */
  readonly key: string
  readonly eventType: TrackingEvent['eventType']
  readonly typeCode: string
  readonly UNLocationCode?: string
  readonly transportCallID?: string
  readonly transportCallSequenceNumber?: number
  readonly modeOfTransport?: ModeOfTransport
  readonly equipmentReference?: string
  readonly plannedAt?: string
  readonly estimatedAt?: string
  readonly actualAt?: string
  /** (actual, else estimated) minus planned, in hours; absent without a plan. */
  readonly delayHours?: number
}

/** The leg a shipment is on: departed from one transport call and not yet arrived at the next. */
export interface CurrentLeg {
  readonly fromUNLocationCode?: string
  readonly toUNLocationCode?: string
  readonly modeOfTransport?: ModeOfTransport
  readonly departedAt: string
  readonly expectedArrivalAt?: string
}

/** Where to draw the shipment on the map. */
export interface MapPosition {
  readonly longitude: number
  readonly latitude: number
  /** `at-location` when the last actual event says where it is; `interpolated` along a leg. */
  readonly basis: 'at-location' | 'interpolated'
  readonly UNLocationCode?: string
}

/** Customs state: the latest milestone per declaration, and the overall status. */
export interface CustomsStatus {
  /** HELD if any declaration is held, else the status of the latest declaration, else NONE. */
  readonly status: CustomsMilestoneCode | 'NONE'
  readonly declarations: readonly {
    readonly declarationNumber: string
    readonly authority: string
    readonly milestoneCode: CustomsMilestoneCode
    readonly at: string
  }[]
}

/** A shipment's or a container's timeline, built from its events in any arrival order. */
export interface Timeline {
  readonly milestones: readonly Milestone[]
  readonly eventCount: number
  readonly lastActualEventAt?: string
  readonly lastKnownUNLocationCode?: string
  readonly currentLeg?: CurrentLeg
  readonly position?: MapPosition
  readonly customs: CustomsStatus
  /** Delay of the latest milestone that has a plan and an actual or estimate, in hours. */
  readonly delayHours: number
}

interface Slot {
  key: string
  event: TrackingEvent
  plan?: TrackingEvent
  estimate?: TrackingEvent
  actual?: TrackingEvent
}

function milestoneKey(event: TrackingEvent): string {
  const code = eventTypeCodeOf(event)
  switch (event.eventType) {
    // Keyed by place and mode rather than transportCallID, so a plan still lines up with the
    // actual when a box is rolled onto another voyage or train.
    case 'TRANSPORT': {
      const c = event.transportCall
      return `TRANSPORT ${code} ${c.modeOfTransport} ${unLocationCodeOf(event) ?? c.transportCallID}`
    }
    case 'EQUIPMENT': {
      const mode = event.transportCall?.modeOfTransport ?? '-'
      return `EQUIPMENT ${code} ${mode} ${unLocationCodeOf(event) ?? '-'} ${event.equipmentReference ?? '-'}`
    }
    case 'SHIPMENT':
      return event.customsMilestone !== undefined
        ? `CUSTOMS ${event.customsMilestone.milestoneCode} ${event.customsMilestone.declarationNumber}`
        : `SHIPMENT ${code} ${event.documentTypeCode} ${event.documentID}`
  }
}

// The latest report wins among plans and estimates (by eventCreatedDateTime, then eventID so
// the choice does not depend on arrival order).
function isNewer(a: TrackingEvent, b: TrackingEvent | undefined): boolean {
  if (b === undefined) return true
  if (a.eventCreatedDateTime !== b.eventCreatedDateTime) {
    return ms(a.eventCreatedDateTime) > ms(b.eventCreatedDateTime)
  }
  return a.eventID > b.eventID
}

function ms(text: string): number {
  return parseEventTime(text) ?? Number.NaN
}

function bestTime(m: Milestone): number {
  return ms(m.actualAt ?? m.estimatedAt ?? m.plannedAt ?? '')
}

/** Finds a place by its UN/LOCODE for the map position; core's own table by default. */
export type Locate = (UNLocationCode: string) => Location | undefined

/**
 * Builds the timeline of a shipment or container: planned vs estimated vs actual per milestone,
 * current leg, map position (interpolated along the current leg at `nowMs`, places found by
 * `locate`), customs status and delays. Events may arrive in any order; an event's place is set
 * by its times, not its arrival.
 */
export function buildTimeline(
  events: readonly TrackingEvent[],
  nowMs: number,
  locate: Locate = findLocation,
): Timeline {
  const slots = new Map<string, Slot>()
  for (const event of events) {
    const key = milestoneKey(event)
    let slot = slots.get(key)
    if (slot === undefined) {
      slot = { key, event }
      slots.set(key, slot)
    }
    if (event.eventClassifierCode === 'PLN' && isNewer(event, slot.plan)) slot.plan = event
    if (event.eventClassifierCode === 'EST' && isNewer(event, slot.estimate)) slot.estimate = event
    if (event.eventClassifierCode === 'ACT' && isNewer(event, slot.actual)) slot.actual = event
  }
  const milestones = [...slots.values()].map(toMilestone)
  milestones.sort((a, b) => bestTime(a) - bestTime(b) || (a.key < b.key ? -1 : 1))

  const actuals = milestones.filter((m) => m.actualAt !== undefined)
  actuals.sort((a, b) => ms(a.actualAt as string) - ms(b.actualAt as string))
  const lastActual = actuals.at(-1)
  const lastLocated = actuals.filter((m) => m.UNLocationCode !== undefined).at(-1)
  const currentLeg = findCurrentLeg(milestones)
  const delayed = milestones
    .filter((m) => m.delayHours !== undefined && (m.actualAt ?? m.estimatedAt) !== undefined)
    .at(-1)
  return {
    milestones,
    eventCount: events.length,
    ...(lastActual?.actualAt !== undefined ? { lastActualEventAt: lastActual.actualAt } : {}),
    ...(lastLocated?.UNLocationCode !== undefined
      ? { lastKnownUNLocationCode: lastLocated.UNLocationCode }
      : {}),
    ...(currentLeg !== undefined ? { currentLeg } : {}),
    ...positionOf(currentLeg, lastLocated, nowMs, locate),
    customs: customsStatusOf(events),
    delayHours: delayed?.delayHours ?? 0,
  }
}

function toMilestone(slot: Slot): Milestone {
  const e = slot.event
  const call = transportCallOf(e)
  const loc = unLocationCodeOf(e)
  const planned = slot.plan?.eventDateTime
  const estimated = slot.estimate?.eventDateTime
  const actual = slot.actual?.eventDateTime
  const observed = actual ?? estimated
  const delayHours =
    planned !== undefined && observed !== undefined
      ? Math.round(((ms(observed) - ms(planned)) / 3_600_000) * 100) / 100
      : undefined
  return {
    key: slot.key,
    eventType: e.eventType,
    typeCode: eventTypeCodeOf(e),
    ...(loc !== undefined ? { UNLocationCode: loc } : {}),
    ...(call !== undefined ? { transportCallID: call.transportCallID } : {}),
    ...(call?.transportCallSequenceNumber !== undefined
      ? { transportCallSequenceNumber: call.transportCallSequenceNumber }
      : {}),
    ...(call !== undefined ? { modeOfTransport: call.modeOfTransport } : {}),
    ...(e.eventType === 'EQUIPMENT' && e.equipmentReference !== undefined
      ? { equipmentReference: e.equipmentReference }
      : {}),
    ...(planned !== undefined ? { plannedAt: iso(planned) } : {}),
    ...(estimated !== undefined ? { estimatedAt: iso(estimated) } : {}),
    ...(actual !== undefined ? { actualAt: iso(actual) } : {}),
    ...(delayHours !== undefined ? { delayHours } : {}),
  }
}

function iso(text: string): string {
  return formatEventTime(ms(text))
}

/**
 * TRANSPORT milestones in route order: by planned time when both have a plan (the plan is the
 * route; actual times of a delayed leg may pass later planned ones), else by best-known time.
 * Sequence numbers are not used: they only order calls within one conveyance.
 */
export function transportMilestonesOf(milestones: readonly Milestone[]): readonly Milestone[] {
  const transport = milestones.filter((m) => m.eventType === 'TRANSPORT')
  return transport.sort((a, b) => {
    const byPlan =
      a.plannedAt !== undefined && b.plannedAt !== undefined
        ? ms(a.plannedAt) - ms(b.plannedAt)
        : bestTime(a) - bestTime(b)
    return byPlan || (a.typeCode === b.typeCode ? 0 : a.typeCode === 'ARRI' ? -1 : 1)
  })
}

function findCurrentLeg(milestones: readonly Milestone[]): CurrentLeg | undefined {
  const route = transportMilestonesOf(milestones)
  let lastActualIndex = -1
  route.forEach((m, i) => {
    if (m.actualAt !== undefined) lastActualIndex = i
  })
  const departed = route[lastActualIndex]
  if (departed === undefined || departed.typeCode !== 'DEPA') return undefined
  const next = route.slice(lastActualIndex + 1).find((m) => m.typeCode === 'ARRI')
  const expected = next?.estimatedAt ?? next?.plannedAt
  return {
    ...(departed.UNLocationCode !== undefined
      ? { fromUNLocationCode: departed.UNLocationCode }
      : {}),
    ...(next?.UNLocationCode !== undefined ? { toUNLocationCode: next.UNLocationCode } : {}),
    ...(departed.modeOfTransport !== undefined
      ? { modeOfTransport: departed.modeOfTransport }
      : {}),
    departedAt: departed.actualAt as string,
    ...(expected !== undefined ? { expectedArrivalAt: expected } : {}),
  }
}

function positionOf(
  leg: CurrentLeg | undefined,
  lastLocated: Milestone | undefined,
  nowMs: number,
  locate: Locate,
): { position?: MapPosition } {
  if (leg?.fromUNLocationCode !== undefined && leg.toUNLocationCode !== undefined) {
    const from = locate(leg.fromUNLocationCode)
    const to = locate(leg.toUNLocationCode)
    if (from !== undefined && to !== undefined) {
      const start = ms(leg.departedAt)
      const end = leg.expectedArrivalAt !== undefined ? ms(leg.expectedArrivalAt) : Number.NaN
      // Without an expected arrival, or once it has passed, draw the box just short of the
      // destination: it has not been reported there yet.
      const fraction = end > start ? Math.min(0.95, (nowMs - start) / (end - start)) : 0.5
      return { position: { ...interpolatePosition(from, to, fraction), basis: 'interpolated' } }
    }
  }
  if (lastLocated?.UNLocationCode !== undefined) {
    const at = locate(lastLocated.UNLocationCode)
    if (at !== undefined) {
      return {
        position: {
          longitude: at.longitude,
          latitude: at.latitude,
          basis: 'at-location',
          UNLocationCode: at.UNLocationCode,
        },
      }
    }
  }
  return {}
}

function customsStatusOf(events: readonly TrackingEvent[]): CustomsStatus {
  const latest = new Map<string, { event: TrackingEvent; atMs: number }>()
  for (const e of events) {
    if (e.eventType !== 'SHIPMENT' || e.customsMilestone === undefined) continue
    if (e.eventClassifierCode !== 'ACT') continue
    const key = `${e.customsMilestone.authority} ${e.customsMilestone.declarationNumber}`
    const atMs = ms(e.eventDateTime)
    const seen = latest.get(key)
    if (
      seen === undefined ||
      atMs > seen.atMs ||
      (atMs === seen.atMs && e.eventID > seen.event.eventID)
    ) {
      latest.set(key, { event: e, atMs })
    }
  }
  const declarations = [...latest.values()]
    .sort((a, b) => a.atMs - b.atMs)
    .map(({ event, atMs }) => {
      const c = (event as Extract<TrackingEvent, { eventType: 'SHIPMENT' }>).customsMilestone!
      return {
        declarationNumber: c.declarationNumber,
        authority: c.authority,
        milestoneCode: c.milestoneCode,
        at: formatEventTime(atMs),
      }
    })
  const status = declarations.some((d) => d.milestoneCode === 'HELD')
    ? 'HELD'
    : (declarations.at(-1)?.milestoneCode ?? 'NONE')
  return { status, declarations }
}

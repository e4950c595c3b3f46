import { parseEventTime } from '../tracking/event-time.js'
import { buildTimeline, transportMilestonesOf } from '../tracking/timeline.js'
import type { ModeOfTransport } from '../tracking/codes.js'
import type { TrackingEvent } from '../tracking/tracking-event.js'

/** One TRANSPORT milestone of a journey, times in epoch ms. */
export interface JourneyStop {
  readonly typeCode: string
  readonly UNLocationCode: string
  readonly modeOfTransport: ModeOfTransport | undefined
  readonly plannedMs: number | undefined
  readonly actualMs: number | undefined
}

/**
 * A shipment's route as the ETA model sees it: its TRANSPORT milestones (arrivals and
 * departures) in route order, each with planned and actual time.
 */
export interface Journey {
  readonly shipmentKey: string
  readonly stops: readonly JourneyStop[]
}

/** Builds the journey of one shipment from its events (any order). */
export function journeyFromEvents(shipmentKey: string, events: readonly TrackingEvent[]): Journey {
  const timeline = buildTimeline(events, 0)
  const stops = transportMilestonesOf(timeline.milestones)
    .filter((m) => m.UNLocationCode !== undefined)
    .map((m) => ({
      typeCode: m.typeCode,
      UNLocationCode: m.UNLocationCode as string,
      modeOfTransport: m.modeOfTransport,
      plannedMs: m.plannedAt !== undefined ? parseEventTime(m.plannedAt) : undefined,
      actualMs: m.actualAt !== undefined ? parseEventTime(m.actualAt) : undefined,
    }))
  return { shipmentKey, stops }
}

/** The key of the segment between two consecutive stops, e.g. `DEPA RAIL CNCKG > ARRI RAIL CNQZH`. */
export function segmentKey(from: JourneyStop, to: JourneyStop): string {
  return `${from.typeCode} ${from.modeOfTransport ?? '-'} ${from.UNLocationCode} > ${to.typeCode} ${to.modeOfTransport ?? '-'} ${to.UNLocationCode}`
}

/** True when every stop has an actual time: the journey can teach the model. */
export function isCompleted(journey: Journey): boolean {
  return journey.stops.length >= 2 && journey.stops.every((s) => s.actualMs !== undefined)
}

/** The journey as it was known at `atMs`: actual times after it are forgotten. */
export function journeyAsOf(journey: Journey, atMs: number): Journey {
  return {
    shipmentKey: journey.shipmentKey,
    stops: journey.stops.map((s) =>
      s.actualMs !== undefined && s.actualMs > atMs ? { ...s, actualMs: undefined } : s,
    ),
  }
}

/**
 * The route of a journey: its places in order, without repeats, e.g. `CNCKG>CNQZH>SGSIN>MYPKG`.
 * Journeys on one route share their horizons and their calibration.
 */
export function routeOf(journey: Journey): string {
  const places: string[] = []
  for (const s of journey.stops)
    if (places.at(-1) !== s.UNLocationCode) places.push(s.UNLocationCode)
  return places.join('>')
}

/** The key of a route's horizon, as calibration scales are kept: `route | ARRI VESSEL SGSIN`. */
export function horizonKey(route: string, horizon: string): string {
  return `${route} | ${horizon}`
}

/** The final destination of a journey: the place of its last arrival. */
export function destinationOf(journey: Journey): string {
  return [...journey.stops].reverse().find((s) => s.typeCode === 'ARRI')?.UNLocationCode ?? '-'
}

import { findLocation, greatCircleDistanceKm } from '../tracking/location.js'
import type { ModeOfTransport } from '../tracking/codes.js'
import { transportMilestonesOf, type Milestone } from '../tracking/timeline.js'
import { transportFactorOf } from './emission-factors.js'
import type { FactorTable } from './factor-tables.js'
import {
  computeShipmentEmissions,
  type Consignment,
  type EmissionsGap,
  type HubPassage,
  type ShipmentEmissions,
  type TransportLeg,
} from './shipment-emissions.js'

/** A leg as a timeline knows it: where from, where to, by which mode. */
export interface JourneyLeg {
  readonly from: string
  readonly to: string
  readonly modeOfTransport: ModeOfTransport
}

/**
 * The legs a timeline shows: each departure followed, in route order, by an arrival, with both
 * places and the mode known. Planned legs count too, so a shipment under way is priced whole.
 */
export function journeyLegsOf(milestones: readonly Milestone[]): JourneyLeg[] {
  const route = transportMilestonesOf(milestones)
  const legs: JourneyLeg[] = []
  route.forEach((m, i) => {
    const next = route[i + 1]
    if (m.typeCode !== 'DEPA' || next?.typeCode !== 'ARRI') return
    if (!m.UNLocationCode || !next.UNLocationCode || !m.modeOfTransport) return
    legs.push({
      from: m.UNLocationCode,
      to: next.UNLocationCode,
      modeOfTransport: m.modeOfTransport,
    })
  })
  return legs
}

/** A leg a timeline cannot price: its places or mode are missing, or it never arrives. */
export interface JourneyGap {
  readonly reason: 'no-mode' | 'no-place' | 'no-arrival'
  readonly from?: string
  readonly to?: string
}

/**
 * The legs of a timeline and what is missing from it: like {@link journeyLegsOf}, but a
 * departure without a following arrival, or a leg without a place or mode, is returned as a gap
 * rather than dropped.
 */
export function journeyOf(milestones: readonly Milestone[]): {
  legs: JourneyLeg[]
  gaps: JourneyGap[]
} {
  const route = transportMilestonesOf(milestones)
  const legs: JourneyLeg[] = []
  const gaps: JourneyGap[] = []
  route.forEach((m, i) => {
    if (m.typeCode !== 'DEPA') return
    const next = route[i + 1]
    const ends = {
      ...(m.UNLocationCode ? { from: m.UNLocationCode } : {}),
      ...(next?.typeCode === 'ARRI' && next.UNLocationCode ? { to: next.UNLocationCode } : {}),
    }
    if (next?.typeCode !== 'ARRI') gaps.push({ reason: 'no-arrival', ...ends })
    else if (!m.UNLocationCode || !next.UNLocationCode) gaps.push({ reason: 'no-place', ...ends })
    else if (!m.modeOfTransport) gaps.push({ reason: 'no-mode', ...ends })
    else
      legs.push({
        from: m.UNLocationCode,
        to: next.UNLocationCode,
        modeOfTransport: m.modeOfTransport,
      })
  })
  return { legs, gaps }
}

/** Shortest feasible distances of corridor legs, km (visibility.md §1.1, §1.6). */
const KNOWN_DISTANCES_KM: Readonly<Record<string, number>> = {
  'CNCKG CNQZH': 1400,
  'CNQZH SGSIN': 2508,
  'CNFAN SGSIN': 2528,
  'CNQZH VNHPH': 576,
  'CNQZH VNSGN': 1561,
  'CNQZH THLCH': 2503,
  'CNQZH MYPKG': 3021,
  'CNQZH IDJKT': 3180,
  'SGSIN MYPKG': 540,
  'SGSIN IDJKT': 967,
  'SGSIN THLCH': 1498,
  'CNSHA SGSIN': 4122,
}

// Great-circle distance times a detour factor when the leg is not in the table [assumption].
const DETOUR = { RAIL: 1.3, TRUCK: 1.3, VESSEL: 1.15, BARGE: 1.2 } as const

function distanceKm(leg: JourneyLeg): number | undefined {
  const known =
    KNOWN_DISTANCES_KM[`${leg.from} ${leg.to}`] ?? KNOWN_DISTANCES_KM[`${leg.to} ${leg.from}`]
  if (known !== undefined) return known
  const a = findLocation(leg.from)
  const b = findLocation(leg.to)
  if (a === undefined || b === undefined) return undefined
  return Math.round(greatCircleDistanceKm(a, b) * DETOUR[leg.modeOfTransport])
}

/**
 * Emissions of a shipment's actual route: each leg's GLEC factor by mode and region, distances
 * from the corridor table (else great circle with a detour factor), and a terminal passage at
 * every place where the cargo changes vehicle or starts by rail.
 */
export function computeJourneyEmissions(
  legs: readonly JourneyLeg[],
  consignment: Consignment = { teu: 2 },
  { gaps = [], table }: { gaps?: readonly JourneyGap[]; table?: FactorTable } = {},
): ShipmentEmissions {
  const transport: TransportLeg[] = []
  const unpriced: { reason: EmissionsGap['reason']; from?: string; to?: string }[] = [...gaps]
  for (const leg of legs) {
    const km = distanceKm(leg)
    if (km !== undefined)
      transport.push({ from: leg.from, to: leg.to, factor: transportFactorOf(leg), distanceKm: km })
    else unpriced.push({ reason: 'no-distance', from: leg.from, to: leg.to })
  }
  // A gap's distance is a great-circle estimate (no detour: the mode may be unknown).
  const estimated = unpriced.map((g) => {
    const a = g.from === undefined ? undefined : findLocation(g.from)
    const b = g.to === undefined ? undefined : findLocation(g.to)
    return a && b ? Math.round(greatCircleDistanceKm(a, b)) : null
  })
  const total =
    transport.reduce((sum, l) => sum + l.distanceKm, 0) +
    estimated.reduce<number>((sum, km) => sum + (km ?? 0), 0)
  const gapsOut: EmissionsGap[] = unpriced.map((g, i) => {
    const km = estimated[i] ?? null
    return {
      ...g,
      distanceKm: km,
      shareOfDistance: km === null || total === 0 ? null : Math.round((km / total) * 1000) / 1000,
    }
  })
  const hubs: HubPassage[] = []
  legs.forEach((leg, i) => {
    if (i === 0 && leg.modeOfTransport === 'RAIL')
      hubs.push({ at: leg.from, factor: 'rail-terminal-transshipment' })
    if (leg.modeOfTransport === 'VESSEL') {
      if (hubs.at(-1)?.at !== leg.from)
        hubs.push({ at: leg.from, factor: 'maritime-container-terminal' })
      hubs.push({ at: leg.to, factor: 'maritime-container-terminal' })
    }
  })
  return computeShipmentEmissions({
    consignment,
    legs: transport,
    hubs,
    gaps: gapsOut,
    ...(table ? { table } : {}),
  })
}

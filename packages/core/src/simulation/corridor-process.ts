import { CORRIDOR_MODEL, KNOT_KMH, type Destination } from './corridor-model.js'
import type { CorridorScenario } from './corridor-scenario.js'
import type { Random } from './random.js'
import { nextWeekdaySlot } from './slots.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const m = CORRIDOR_MODEL

/**
 * The random sources of one run of the corridor process: `rng` for the baseline's draws (in the
 * simulator's order, so its histories stay byte for byte), `extra` for what only a scenario adds,
 * `world` for the scenario. `knownAtMs` is set by the Bayes bound: a voyage's shared delay is then
 * drawn knowing only the voyages that had arrived by then, not read from the world.
 */
export interface CorridorDraws {
  readonly rng: Random
  readonly extra: Random
  readonly world: CorridorScenario
  readonly knownAtMs?: number
}

/** Hours of the Chongqing → Qinzhou train leaving at `trainMs`. */
export function railLegHours(d: CorridorDraws, trainMs: number): number {
  let h = d.rng.lognormal(m.railHours[0], m.railHours[1])
  const month = new Date(trainMs).getUTCMonth()
  if (month >= 5 && month <= 7) h *= m.railFloodSeasonFactor
  if (d.rng.chance(m.railDisruption.probability))
    h += d.rng.uniform(m.railDisruption.extraHours[0], m.railDisruption.extraHours[1])
  return h + d.world.extraDelayHours('rail', d.extra)
}

/** Hours of a cross-border train (Hanoi, Vientiane). */
export function crossBorderRailHours(d: CorridorDraws, destination: Destination): number {
  const [median, p90] = destination.railHours ?? [108, 128]
  let h = d.rng.lognormal(median, p90)
  if (d.rng.chance(m.borderDelay.probability))
    h += d.rng.uniform(m.borderDelay.extraHours[0], m.borderDelay.extraHours[1])
  return h + d.world.extraDelayHours('rail', d.extra)
}

/** The first sailing slot ≥ `slotMs` at which `port` is open (a typhoon holds every ship). */
function openSlot(d: CorridorDraws, port: string, slotMs: number, weekdays: readonly number[]) {
  let slot = slotMs
  for (let open = d.world.openFrom(port, slot); open !== slot; open = d.world.openFrom(port, slot))
    slot = nextWeekdaySlot(open, weekdays, 12)
  return slot
}

/** The Qinzhou sailing a box that reached the port at `readyMs` leaves on (sometimes rolled). */
export function qinzhouSailingMs(
  d: CorridorDraws,
  readyMs: number,
  weekdays: readonly number[],
): number {
  let sail = nextWeekdaySlot(readyMs + m.portCutoffHours * HOUR, weekdays, 12)
  if (d.rng.chance(m.rollProbability)) sail = nextWeekdaySlot(sail + HOUR, weekdays, 12)
  return openSlot(d, m.railPort, sail, weekdays)
}

/** Sailing speed, knots, within the model's bounds. */
export function seaSpeedKnots(rng: Random): number {
  const { mean, sd, min, max } = m.seaSpeedKnots
  return Math.min(max, Math.max(min, mean + sd * rng.normal()))
}

function voyageDelayHours(d: CorridorDraws, sailMs: number): number {
  return d.knownAtMs === undefined
    ? d.world.voyageDelayHours(sailMs)
    : d.world.drawVoyageDelayHours(sailMs, d.knownAtMs, d.rng)
}

/** Arrival at Singapore of the Qinzhou voyage sailing at `sailMs`. */
export function singaporeArrivalMs(d: CorridorDraws, sailMs: number): number {
  const { rng, world } = d
  let t = sailMs + (m.seaKm / (seaSpeedKnots(rng) * KNOT_KMH)) * HOUR
  t += rng.exponential(m.anchorageMeanHours) * HOUR
  if ((m.congestion.months as readonly number[]).includes(new Date(t).getUTCMonth()))
    t += rng.exponential(m.congestion.extraMeanHours) * HOUR
  const regimeMeanHours = world.congestionExtraMeanHoursAt(t)
  if (regimeMeanHours > 0) t += rng.exponential(regimeMeanHours) * HOUR
  t += (world.extraDelayHours('sea', d.extra) + voyageDelayHours(d, sailMs)) * HOUR
  return world.openFrom(m.hub, t)
}

/** The Singapore connection of a box that arrived at `sinMs` (missed ones roll on). */
export function connectionMs(d: CorridorDraws, destination: Destination, sinMs: number): number {
  const days = destination.connectionWeekdays ?? [3]
  let conn = nextWeekdaySlot(sinMs + m.transshipmentCutoffHours * HOUR, days, 12)
  const isMissed = d.rng.chance(m.missedConnectionProbability)
  const weekly = d.world.weeklyMissProbabilityAt(sinMs)
  if (weekly === undefined) {
    if (isMissed) conn = nextWeekdaySlot(conn + HOUR, days, 12)
  } else if (d.extra.chance(weekly)) conn += 7 * DAY
  return openSlot(d, m.hub, conn, days)
}

/** Arrival at the destination of the onward voyage leaving Singapore at `connMs`. */
export function onwardArrivalMs(d: CorridorDraws, destination: Destination, connMs: number) {
  const km = destination.onwardSeaKm ?? 1000
  const t = connMs + (km / (seaSpeedKnots(d.rng) * KNOT_KMH)) * HOUR
  return t + (d.rng.exponential(6) + d.world.extraDelayHours('sea', d.extra)) * HOUR
}

/** Arrival of a direct Qinzhou sailing (Haiphong) leaving at `sailMs`. */
export function directArrivalMs(d: CorridorDraws, destination: Destination, sailMs: number) {
  const km = destination.directSeaKm ?? 300
  const t = sailMs + (km / (seaSpeedKnots(d.rng) * KNOT_KMH)) * HOUR
  return t + (d.rng.exponential(4) + d.world.extraDelayHours('sea', d.extra)) * HOUR
}

/** The milestones a horizon may be, in route order (`anchorKeyOf` of the ETA module). */
const STOPS = [
  'DEPA RAIL CNCKG',
  'ARRI RAIL CNQZH',
  'DEPA VESSEL CNQZH',
  'ARRI VESSEL SGSIN',
  'DEPA VESSEL SGSIN',
]

/**
 * One draw of the final arrival of a box to `destination` that reached the milestone `stop` at
 * `atMs`: the simulator's own process from there on, for the Bayes bound.
 */
export function drawFinalArrival(
  d: CorridorDraws,
  destination: Destination,
  stop: string,
  atMs: number,
): number {
  if (destination.route === 'RAIL_CROSS_BORDER')
    return atMs + crossBorderRailHours(d, destination) * HOUR
  const from = STOPS.indexOf(stop)
  let t = atMs
  if (from === 0) t += railLegHours(d, t) * HOUR
  if (destination.route === 'RAIL_SEA_DIRECT') {
    if (from <= 1) t = qinzhouSailingMs(d, t, destination.sailingWeekdays ?? [1])
    return directArrivalMs(d, destination, t)
  }
  if (from <= 1) t = qinzhouSailingMs(d, t, d.world.sailingWeekdaysAt(t))
  if (from <= 2) t = singaporeArrivalMs(d, t)
  if (destination.route !== 'RAIL_SEA_TRANSSHIP') return t
  if (from <= 3) t = connectionMs(d, destination, t)
  return onwardArrivalMs(d, destination, t)
}

import { withIso6346CheckDigit } from '../tracking/iso6346.js'
import type { TrackingEvent, TransportCall } from '../tracking/tracking-event.js'
import { CORRIDOR_MODEL, KNOT_KMH, type Destination } from './corridor-model.js'
import {
  connectionMs,
  crossBorderRailHours,
  directArrivalMs,
  onwardArrivalMs,
  qinzhouSailingMs,
  railLegHours,
  singaporeArrivalMs,
  type CorridorDraws,
} from './corridor-process.js'
import {
  customsEvent,
  equipmentEvent,
  transportEvent,
  type ShipmentContext,
} from './event-factory.js'
import { createRandom, type Random } from './random.js'
import { corridorScenario, type CorridorScenarioName } from './corridor-scenario.js'
import { nextDailySlot, nextWeekdaySlot } from './slots.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Options of {@link simulateCorridor}. */
export interface SimulateCorridorOptions {
  readonly seed?: number
  /** First booking time, epoch ms. */
  readonly fromMs: number
  /** Bookings stop at this time, epoch ms. */
  readonly toMs: number
  /** Mean bookings per day (Poisson-like, uniform within the day). */
  readonly shipmentsPerDay?: number
  /** Only events reported (eventCreatedDateTime) by this time are returned; default: all. */
  readonly nowMs?: number
  /** A harder history (see `corridorScenario`); default the stationary baseline. */
  readonly scenario?: CorridorScenarioName
}

/** One simulated shipment: one container on one bill, with every event it will ever produce. */
export interface SimulatedShipment {
  readonly transportDocumentReference: string
  readonly equipmentReference: string
  readonly destination: string
  readonly route: Destination['route']
  readonly bookedAt: string
  readonly events: readonly TrackingEvent[]
}

/** Result of {@link simulateCorridor}. */
export interface CorridorSimulation {
  readonly shipments: readonly SimulatedShipment[]
  /** Events reported by `nowMs`, in reporting order (eventCreatedDateTime, then eventID). */
  readonly events: readonly TrackingEvent[]
}

function compact(ms: number): string {
  return new Date(ms).toISOString().slice(2, 10).replaceAll('-', '')
}

// IMO numbers carry a check digit: the six digits weighted 7..2, sum mod 10.
function imoNumber(six: number): string {
  const digits = String(six).padStart(6, '0')
  const sum = [...digits].reduce((s, d, i) => s + Number(d) * (7 - i), 0)
  return `${digits}${sum % 10}`
}

/** Reporting delay: minutes normally, hours for a share of events (out-of-order arrival). */
function reportedAt(rng: Random, atMs: number): number {
  const { probability, hours } = CORRIDOR_MODEL.lateReport
  const lag = rng.chance(probability)
    ? rng.uniform(hours[0], hours[1]) * HOUR
    : rng.uniform(2, 20) * 60_000
  return Math.round(atMs + lag)
}

function call(
  id: string,
  seq: number,
  mode: TransportCall['modeOfTransport'],
  loc: string,
  service: string,
  voyage: string,
  extra: Partial<TransportCall> = {},
): TransportCall {
  return {
    transportCallID: id,
    transportCallSequenceNumber: seq,
    modeOfTransport: mode,
    UNLocationCode: loc,
    facilityTypeCode: mode === 'RAIL' ? 'RAMP' : 'POTE',
    carrierServiceCode: service,
    exportVoyageNumber: voyage,
    ...extra,
  }
}

/**
 * Simulates rail–sea shipments on the corridor: Chongqing → Qinzhou by rail, Qinzhou dwell,
 * Qinzhou → Singapore by sea, onward by transshipment, and the Hanoi and Vientiane rail
 * branches; with rail delays, rolled boxes, Singapore congestion, customs holds, missed
 * connections and late reports. The same seed gives the same events, byte for byte.
 *
 * @example
 * const sim = simulateCorridor({ seed: 1, fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2025, 1, 1) })
 */
export function simulateCorridor(options: SimulateCorridorOptions): CorridorSimulation {
  const {
    seed = 1,
    fromMs,
    toMs,
    shipmentsPerDay = 6,
    nowMs = Number.POSITIVE_INFINITY,
    scenario = 'baseline',
  } = options
  const rng = createRandom({ seed })
  const world = corridorScenario(scenario, { seed, fromMs, toMs })
  const draws: CorridorDraws = { rng, extra: createRandom({ seed: seed ^ 0x5ce7 }), world }
  const shipments: SimulatedShipment[] = []
  let serial = 0
  for (let day = Math.floor(fromMs / DAY) * DAY; day < toMs; day += DAY) {
    const count = Math.round(rng.uniform(0.5, 1.5) * shipmentsPerDay)
    for (let i = 0; i < count; i++) {
      const bookedMs = Math.round(day + rng.uniform(0, DAY))
      if (bookedMs < fromMs || bookedMs >= toMs) continue
      serial++
      const destination = rng.pick(world.destinations.map((d) => [d, d.weight] as const))
      shipments.push(simulateShipment(draws, serial, bookedMs, destination))
    }
  }
  return { shipments, events: reported(shipments, nowMs) }
}

/** One booking to simulate with {@link simulateBookings}. */
export interface Booking {
  readonly bookedMs: number
  /** A destination of the corridor model (UN/LOCODE); default SGSIN. */
  readonly destination?: string
  readonly transportDocumentReference?: string
  /** ISO 6346 container number (with a valid check digit). */
  readonly equipmentReference?: string
}

/**
 * Simulates given bookings (for example the demo's bills) instead of a random stream: each gets
 * its own reference, container and destination, at the stage `nowMs` puts it in.
 */
export function simulateBookings(options: {
  readonly seed?: number
  readonly bookings: readonly Booking[]
  readonly nowMs?: number
}): CorridorSimulation {
  const { seed = 1, bookings, nowMs = Number.POSITIVE_INFINITY } = options
  const rng = createRandom({ seed })
  const world = corridorScenario('baseline', { seed, fromMs: 0, toMs: 0 })
  const draws: CorridorDraws = { rng, extra: rng, world }
  const shipments = bookings.map((b, i) => {
    const all: readonly Destination[] = CORRIDOR_MODEL.destinations
    const destination = all.find((d) => d.UNLocationCode === (b.destination ?? 'SGSIN')) ?? all[0]!
    return simulateShipment(draws, i + 1, b.bookedMs, destination, b)
  })
  return { shipments, events: reported(shipments, nowMs) }
}

function reported(shipments: readonly SimulatedShipment[], nowMs: number): TrackingEvent[] {
  return shipments
    .flatMap((s) => s.events)
    .filter((e) => Date.parse(e.eventCreatedDateTime) <= nowMs)
    .sort(
      (a, b) =>
        Date.parse(a.eventCreatedDateTime) - Date.parse(b.eventCreatedDateTime) ||
        (a.eventID < b.eventID ? -1 : 1),
    )
}

function simulateShipment(
  draws: CorridorDraws,
  serial: number,
  bookedMs: number,
  destination: Destination,
  overrides: Omit<Booking, 'bookedMs' | 'destination'> = {},
): SimulatedShipment {
  const { rng, world } = draws
  const m = CORRIDOR_MODEL
  const owner = rng.pick([
    ['LSCU', 3],
    ['CQRU', 2],
    ['BGXU', 1],
  ] as const)
  // The container number is drawn even when overridden, so overrides do not shift the sequence.
  const drawnContainer = withIso6346CheckDigit(
    `${owner}${String(Math.floor(rng.next() * 1e6)).padStart(6, '0')}`,
  )
  const ctx: ShipmentContext = {
    rng,
    transportDocumentReference:
      overrides.transportDocumentReference ??
      `LS${compact(bookedMs)}${String(serial).padStart(5, '0')}`,
    carrierBookingReference: `BK${compact(bookedMs)}${String(serial).padStart(5, '0')}`,
    equipmentReference: overrides.equipmentReference ?? drawnContainer,
  }
  const events: TrackingEvent[] = []
  const act = (e: TrackingEvent) => events.push(e)
  const seen = (atMs: number) => reportedAt(rng, atMs)

  // Export clearance in Chongqing (one declaration, inland clearance).
  const declaration = `5000${compact(bookedMs)}${String(serial).padStart(6, '0')}`
  const lodgedMs = bookedMs + rng.uniform(2, 10) * HOUR
  act(customsEvent(ctx, 'DECLARATION_LODGED', declaration, 'CN-GACC', lodgedMs, seen(lodgedMs)))
  let releasedMs =
    lodgedMs + rng.uniform(m.customs.releaseHours[0], m.customs.releaseHours[1]) * HOUR
  if (rng.chance(m.customs.holdProbability)) {
    const heldMs = lodgedMs + rng.uniform(1, 4) * HOUR
    act(customsEvent(ctx, 'HELD', declaration, 'CN-GACC', heldMs, seen(heldMs)))
    releasedMs = heldMs + rng.uniform(m.customs.holdHours[0], m.customs.holdHours[1]) * HOUR
  }
  act(customsEvent(ctx, 'RELEASED', declaration, 'CN-GACC', releasedMs, seen(releasedMs)))

  const gateInMs = bookedMs + rng.uniform(6, 20) * HOUR
  act(equipmentEvent(ctx, 'GTIN', { UNLocationCode: m.origin }, gateInMs, seen(gateInMs)))

  // The plan (PLN), published at booking from the schedule.
  const plannedGateIn = bookedMs + 12 * HOUR
  const plannedTrain = nextDailySlot(plannedGateIn + m.railCutoffHours * HOUR, m.trainSlotsUtcHours)
  const trainMs = world.trainDepartureMs(
    Math.max(gateInMs + m.railCutoffHours * HOUR, releasedMs + 2 * HOUR),
  )
  const planned: [TransportCall, 'ARRI' | 'DEPA', number][] = []
  const trainNo = `X${8000 + (Math.floor(trainMs / HOUR) % 1000)}-${compact(trainMs)}`
  let finalArrivalMs = 0

  if (destination.route === 'RAIL_CROSS_BORDER') {
    const median = destination.railHours?.[0] ?? 108
    const dep = call(`${trainNo}-CKG`, 1, 'RAIL', m.origin, 'ILSX', trainNo)
    const arr = call(
      `${trainNo}-${destination.UNLocationCode}`,
      2,
      'RAIL',
      destination.UNLocationCode,
      'ILSX',
      trainNo,
    )
    planned.push([dep, 'DEPA', plannedTrain], [arr, 'ARRI', plannedTrain + median * HOUR])
    const arrMs = trainMs + crossBorderRailHours(draws, destination) * HOUR
    act(equipmentEvent(ctx, 'LOAD', { call: dep }, trainMs - 2 * HOUR, seen(trainMs - 2 * HOUR)))
    act(transportEvent(ctx, 'ACT', 'DEPA', dep, trainMs, seen(trainMs)))
    act(transportEvent(ctx, 'EST', 'ARRI', arr, trainMs + median * HOUR, trainMs + 0.2 * HOUR))
    act(transportEvent(ctx, 'ACT', 'ARRI', arr, arrMs, seen(arrMs)))
    act(equipmentEvent(ctx, 'DISC', { call: arr }, arrMs + 2 * HOUR, seen(arrMs + 2 * HOUR)))
    finalArrivalMs = arrMs
  } else {
    // Rail leg Chongqing → Qinzhou Port East.
    const railDep = call(`${trainNo}-CKG`, 1, 'RAIL', m.origin, 'ILSR', trainNo)
    const railArr = call(`${trainNo}-QZH`, 2, 'RAIL', m.railPort, 'ILSR', trainNo)
    const isDirect = destination.route === 'RAIL_SEA_DIRECT'
    const sailingDaysAt = (ms: number) =>
      isDirect ? (destination.sailingWeekdays ?? [1]) : world.sailingWeekdaysAt(ms)
    const seaKm = isDirect ? (destination.directSeaKm ?? 300) : m.seaKm
    const scheduleSeaH = seaKm / (m.scheduleSpeedKnots * KNOT_KMH)
    const plannedRailArr = plannedTrain + m.railHours[0] * HOUR
    const plannedSail = nextWeekdaySlot(
      plannedRailArr + m.portCutoffHours * HOUR,
      sailingDaysAt(plannedRailArr),
      12,
    )
    const plannedSin = plannedSail + scheduleSeaH * HOUR

    const railArrMs = trainMs + railLegHours(draws, trainMs) * HOUR
    act(
      equipmentEvent(ctx, 'LOAD', { call: railDep }, trainMs - 2 * HOUR, seen(trainMs - 2 * HOUR)),
    )
    act(transportEvent(ctx, 'ACT', 'DEPA', railDep, trainMs, seen(trainMs)))
    act(
      transportEvent(
        ctx,
        'EST',
        'ARRI',
        railArr,
        trainMs + m.railHours[0] * HOUR,
        trainMs + 0.2 * HOUR,
      ),
    )
    act(transportEvent(ctx, 'ACT', 'ARRI', railArr, railArrMs, seen(railArrMs)))
    act(
      equipmentEvent(
        ctx,
        'DISC',
        { call: railArr },
        railArrMs + 1.5 * HOUR,
        seen(railArrMs + 1.5 * HOUR),
      ),
    )

    // Qinzhou dwell: the next sailing after the quay cut-off, sometimes rolled.
    const sailMs = qinzhouSailingMs(draws, railArrMs, sailingDaysAt(railArrMs))
    const voyage = isDirect ? `HPH${compact(sailMs)}F` : `BGX${compact(sailMs)}S`
    const vessel = {
      vesselIMONumber: imoNumber((isDirect ? 932200 : 932100) + (Math.floor(sailMs / DAY) % 7)),
      vesselName: isDirect ? 'BEIBU GULF FEEDER' : 'BEIBU GULF EXPRESS',
    }
    const [service, to] = isDirect ? ['BGF', destination.UNLocationCode] : ['BGX', m.hub]
    const vDep = call(`${voyage}-QZH`, 1, 'VESSEL', m.railPort, service, voyage, { vessel })
    const vArr = call(`${voyage}-${to.slice(2)}`, 2, 'VESSEL', to, service, voyage, { vessel })
    const sinMs = isDirect
      ? directArrivalMs(draws, destination, sailMs)
      : singaporeArrivalMs(draws, sailMs)
    planned.push(
      [railDep, 'DEPA', plannedTrain],
      [railArr, 'ARRI', plannedRailArr],
      [vDep, 'DEPA', plannedSail],
      [vArr, 'ARRI', plannedSin],
    )
    act(equipmentEvent(ctx, 'LOAD', { call: vDep }, sailMs - 6 * HOUR, seen(sailMs - 6 * HOUR)))
    act(transportEvent(ctx, 'ACT', 'DEPA', vDep, sailMs, seen(sailMs)))
    act(transportEvent(ctx, 'EST', 'ARRI', vArr, sailMs + scheduleSeaH * HOUR, sailMs + 0.5 * HOUR))
    act(transportEvent(ctx, 'ACT', 'ARRI', vArr, sinMs, seen(sinMs)))
    act(equipmentEvent(ctx, 'DISC', { call: vArr }, sinMs + 8 * HOUR, seen(sinMs + 8 * HOUR)))
    finalArrivalMs = sinMs

    if (destination.route === 'RAIL_SEA_TRANSSHIP') {
      // Singapore transshipment onto the weekly mainline.
      const days = destination.connectionWeekdays ?? [3]
      const km = destination.onwardSeaKm ?? 1000
      const plannedConn = nextWeekdaySlot(plannedSin + m.transshipmentCutoffHours * HOUR, days, 12)
      const connMs = connectionMs(draws, destination, sinMs)
      const onVoyage = `SEA${destination.UNLocationCode.slice(2)}${compact(connMs)}`
      const oDep = call(`${onVoyage}-SIN`, 1, 'VESSEL', m.hub, 'SEA', onVoyage)
      const oArr = call(
        `${onVoyage}-${destination.UNLocationCode.slice(2)}`,
        2,
        'VESSEL',
        destination.UNLocationCode,
        'SEA',
        onVoyage,
      )
      const arrMs = onwardArrivalMs(draws, destination, connMs)
      planned.push(
        [oDep, 'DEPA', plannedConn],
        [oArr, 'ARRI', plannedConn + (km / (m.scheduleSpeedKnots * KNOT_KMH)) * HOUR],
      )
      act(equipmentEvent(ctx, 'LOAD', { call: oDep }, connMs - 6 * HOUR, seen(connMs - 6 * HOUR)))
      act(transportEvent(ctx, 'ACT', 'DEPA', oDep, connMs, seen(connMs)))
      act(transportEvent(ctx, 'ACT', 'ARRI', oArr, arrMs, seen(arrMs)))
      act(equipmentEvent(ctx, 'DISC', { call: oArr }, arrMs + 6 * HOUR, seen(arrMs + 6 * HOUR)))
      finalArrivalMs = arrMs
    }
  }

  for (const [c, code, atMs] of planned) act(transportEvent(ctx, 'PLN', code, c, atMs, bookedMs))

  // Import clearance at the destination, then gate-out.
  const importDecl = `${destination.UNLocationCode}${compact(bookedMs)}${String(serial).padStart(6, '0')}`
  const authority = destination.importAuthority
  const arrivalMs = finalArrivalMs
  const importLodged = arrivalMs - rng.uniform(24, 48) * HOUR
  act(
    customsEvent(
      ctx,
      'DECLARATION_LODGED',
      importDecl,
      authority,
      importLodged,
      seen(importLodged),
    ),
  )
  let importReleased = arrivalMs + rng.uniform(2, 12) * HOUR
  if (rng.chance(m.customs.holdProbability)) {
    const inspect = arrivalMs + rng.uniform(1, 4) * HOUR
    act(customsEvent(ctx, 'UNDER_INSPECTION', importDecl, authority, inspect, seen(inspect)))
    importReleased = inspect + rng.uniform(m.customs.holdHours[0], m.customs.holdHours[1]) * HOUR
  }
  act(customsEvent(ctx, 'RELEASED', importDecl, authority, importReleased, seen(importReleased)))
  const gateOut = importReleased + rng.uniform(4, 30) * HOUR
  act(
    equipmentEvent(
      ctx,
      'GTOT',
      { UNLocationCode: destination.UNLocationCode },
      gateOut,
      seen(gateOut),
    ),
  )

  return {
    transportDocumentReference: ctx.transportDocumentReference,
    equipmentReference: ctx.equipmentReference,
    destination: destination.UNLocationCode,
    route: destination.route,
    bookedAt: new Date(bookedMs).toISOString(),
    events,
  }
}

/**
 * Parameters of the corridor simulator. Each carries its source from
 * `docs/tracking.md` §Simulator (reference/visibility.md); `[assumption]` marks planning values
 * with no direct source, to be replaced by real history.
 */

/** A destination reached by the simulator, with the route that serves it. */
export interface Destination {
  readonly UNLocationCode: string
  readonly route: 'RAIL_SEA' | 'RAIL_SEA_TRANSSHIP' | 'RAIL_SEA_DIRECT' | 'RAIL_CROSS_BORDER'
  /** Share of shipments going there [assumption]. */
  readonly weight: number
  /** Sea km from Singapore for transshipment destinations (visibility.md §1.6, derived). */
  readonly onwardSeaKm?: number
  /** Weekday(s) (0 = Sunday, UTC) of the connecting mainline sailing from Singapore [assumption]. */
  readonly connectionWeekdays?: readonly number[]
  /** Sea km from Qinzhou for a direct sailing there (`RAIL_SEA_DIRECT`) [assumption, derived]. */
  readonly directSeaKm?: number
  /** Weekday(s) (0 = Sunday, UTC, 12:00) of the direct Qinzhou sailing [assumption]. */
  readonly sailingWeekdays?: readonly number[]
  /** Rail transit for cross-border rail branches, hours (median, P90). */
  readonly railHours?: readonly [number, number]
  readonly importAuthority: string
}

/** The corridor model: what the simulator draws from. */
export const CORRIDOR_MODEL = {
  origin: 'CNCKG',
  railPort: 'CNQZH',
  hub: 'SGSIN',
  destinations: [
    { UNLocationCode: 'SGSIN', route: 'RAIL_SEA', weight: 60, importAuthority: 'SG-CUSTOMS' },
    {
      UNLocationCode: 'MYPKG',
      route: 'RAIL_SEA_TRANSSHIP',
      weight: 8,
      onwardSeaKm: 540,
      connectionWeekdays: [1, 4],
      importAuthority: 'MY-RMCD',
    },
    {
      UNLocationCode: 'IDJKT',
      route: 'RAIL_SEA_TRANSSHIP',
      weight: 8,
      onwardSeaKm: 967,
      connectionWeekdays: [3],
      importAuthority: 'ID-DJBC',
    },
    {
      UNLocationCode: 'THLCH',
      route: 'RAIL_SEA_TRANSSHIP',
      weight: 6,
      onwardSeaKm: 1498,
      connectionWeekdays: [5],
      importAuthority: 'TH-CUSTOMS',
    },
    // Chongqing–Hanoi cross-border rail 4–5 days (visibility.md §1.5).
    {
      UNLocationCode: 'VNHAN',
      route: 'RAIL_CROSS_BORDER',
      weight: 12,
      railHours: [108, 128],
      importAuthority: 'VN-GDVC',
    },
    // Chongqing–Vientiane by the China–Laos railway 4–5 days (visibility.md §1.5).
    {
      UNLocationCode: 'LAVTE',
      route: 'RAIL_CROSS_BORDER',
      weight: 6,
      railHours: [110, 130],
      importAuthority: 'LA-CUSTOMS',
    },
  ] satisfies readonly Destination[],
  /**
   * Destinations only the `other-destinations` scenario adds (so the baseline's draws stay as
   * they are): a direct Qinzhou → Haiphong feeder, ~320 km by sea [assumption, derived from the
   * ports' positions], twice a week.
   */
  otherDestinations: [
    {
      UNLocationCode: 'VNHPH',
      route: 'RAIL_SEA_DIRECT',
      weight: 14,
      directSeaKm: 320,
      sailingWeekdays: [1, 4],
      importAuthority: 'VN-GDVC',
    },
  ] satisfies readonly Destination[],
  /** Train departures from Tuanjiecun, UTC hours of the day [assumption: twice daily]. */
  trainSlotsUtcHours: [2, 14],
  /** Gate-in to train departure minimum, hours [assumption]. */
  railCutoffHours: 4,
  /** Chongqing→Qinzhou rail: ~1,400 km, 48 h quoted (P50), P90 60 h before disruptions. */
  railHours: [48, 60] as const,
  /** Rail disruption (flooding, line works, congestion at Qinzhou East) [assumption]. */
  railDisruption: { probability: 0.06, extraHours: [12, 48] as const },
  /** June–August flood season slows rail by this factor [assumption]. */
  railFloodSeasonFactor: 1.08,
  /** Qinzhou→Singapore sailings, UTC weekdays at 12:00 [assumption: 3 a week]. */
  seaSailingWeekdays: [2, 4, 6],
  /** Container must be at the Qinzhou quay this long before sailing [assumption]. */
  portCutoffHours: 18,
  /** Probability a box is rolled to the next sailing (overbooking) [assumption]. */
  rollProbability: 0.1,
  /** Qinzhou→Singapore 2,508 km (visibility.md §1.6, derived). */
  seaKm: 2508,
  /** Service speed actually sailed, knots (slow steaming 14–16) [assumption from §1.6 range]. */
  seaSpeedKnots: { mean: 15, sd: 1.2, min: 12, max: 19 },
  /** The schedule's speed: the quoted 3.1 days Qinzhou→Singapore is 18 kn (§1.1). */
  scheduleSpeedKnots: 18,
  /** Anchorage wait before berthing, hours: ≤ ½ day normally (§1.4). */
  anchorageMeanHours: 8,
  /** Singapore congestion months (UTC month 0–11) and extra mean wait, like 2024 (§1.4). */
  congestion: { months: [4, 5, 6], extraMeanHours: 40 },
  /** Minimum transshipment connection time at Singapore, hours [assumption]. */
  transshipmentCutoffHours: 24,
  /** Missed connection at Singapore, rolled to the next sailing (2021: a week) (§1.4). */
  missedConnectionProbability: 0.12,
  /** Border crossing delay on the cross-border rail branches [assumption]. */
  borderDelay: { probability: 0.08, extraHours: [12, 48] as const },
  /** Customs hold after declaration [assumption]; release normally within hours (§1.1: 6 h). */
  customs: { holdProbability: 0.03, holdHours: [24, 72] as const, releaseHours: [1, 6] as const },
  /** Share of ACT events reported late (out of order) and the lateness, hours [assumption]. */
  lateReport: { probability: 0.05, hours: [1, 24] as const },
} as const

/** Knots to km/h. */
export const KNOT_KMH = 1.852

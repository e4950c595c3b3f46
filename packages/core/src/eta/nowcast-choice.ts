import { segmentFor, typicalEndMs, type EtaModel } from './eta-model.js'
import { destinationOf, isCompleted, segmentKey, type Journey } from './journey.js'
import { createNowcast, type Nowcast } from './nowcast.js'
import { departuresOf, type BoxResidual } from './departure-carry.js'

const HOUR = 3_600_000

/** How well each way of nowcasting a segment would have done on the training history. */
export interface NowcastComparison {
  /** The segment key (over routes), as in `EtaModel.departureCarries`. */
  readonly key: string
  /** (box, moment) pairs scored. */
  readonly cases: number
  /** Mean absolute error, hours, of the residual less the departure carry-over's shift. */
  readonly carryMaeHours: number
  /** The same with the 7-day window's shift of the box's route. */
  readonly windowMaeHours: number
  /** Departures (boxes that left together) the cases belong to: the test's independent units. */
  readonly departures: number
  /**
   * How many standard errors the carry-over's gain over the window is, counting departures (the
   * per-departure sums of the window's error less the carry-over's), not boxes: the boxes of one
   * voyage share its delay, so they are one observation, not forty.
   */
  readonly gainZ: number
}

/**
 * Scores, for every segment with a learned departure carry-over, both nowcasts on the journeys
 * the model was learned from, as the estimates use them: for each box on the segment that started
 * at or after `fromMs`, at each milestone its journey had reached by the segment's start (the
 * moments an estimate is made from), the error of the box's residual (actual end minus the
 * model's median end) less the shift each nowcast gives from the segments ended by that moment.
 * Each shift is an honest forecast (it sees only what had ended by then); the carry-over's decay
 * and the model's medians are learned from the same history, so the comparison is in-sample there.
 */
export function compareNowcasts(
  model: EtaModel,
  journeys: readonly Journey[],
  fromMs = -Infinity,
  isOverdue = true,
): NowcastComparison[] {
  if (model.departureCarries.size === 0) return []
  const completed = journeys.filter(isCompleted)
  // The route's own 7-day window, not pooled over routes (the pooled window is a thin route's
  // fallback; letting this choice see it over-covered missed-connections: issue 13 round 24).
  const carry = createNowcast({ model, journeys: completed, isPooledWindow: false, isOverdue })
  const window = createNowcast({
    model: { ...model, departureCarries: new Map() },
    journeys: completed,
    isPooledWindow: false,
    isOverdue,
  })
  const totals = new Map<string, { cases: number; carry: number; window: number; gains: Gain[] }>()
  const errorOf = (
    nowcast: Nowcast,
    destination: string,
    key: string,
    nowMs: number,
    startMs: number,
    r: number,
  ) => {
    const shift = nowcast.shiftOf(destination, key, nowMs)
    return Math.abs(r - (shift === undefined ? 0 : shift.hours * shift.weightAt(startMs)))
  }
  for (const journey of completed) {
    const destination = destinationOf(journey)
    const stops = journey.stops
    for (let i = 0; i + 1 < stops.length; i++) {
      const [from, to] = [stops[i], stops[i + 1]] as [Stop, Stop]
      const startMs = from.actualMs as number
      if (startMs < fromMs) continue
      const key = segmentKey(from, to)
      if (!model.departureCarries.has(key)) continue
      const segment = segmentFor(model, destination, key)
      if (segment === undefined) continue
      const r = ((to.actualMs as number) - typicalEndMs(segment, startMs)) / HOUR
      let t = totals.get(key)
      if (t === undefined) totals.set(key, (t = { cases: 0, carry: 0, window: 0, gains: [] }))
      let gain = 0
      for (let j = 0; j <= i; j++) {
        const nowMs = stops[j]?.actualMs as number
        const [c, w] = [
          errorOf(carry, destination, key, nowMs, startMs, r),
          errorOf(window, destination, key, nowMs, startMs, r),
        ]
        t.cases++
        t.carry += c
        t.window += w
        gain += w - c
      }
      t.gains.push({ startMs, residualHours: 0, gain })
    }
  }
  return [...totals].map(([key, t]) => {
    const perDeparture = departuresOf(t.gains.sort((a, b) => a.startMs - b.startMs)).map((d) =>
      d.reduce((a, b) => a + b.gain, 0),
    )
    return {
      key,
      cases: t.cases,
      carryMaeHours: t.cases > 0 ? t.carry / t.cases : 0,
      windowMaeHours: t.cases > 0 ? t.window / t.cases : 0,
      departures: perDeparture.length,
      gainZ: zOfMean(perDeparture),
    }
  })
}

type Stop = Journey['stops'][number]

interface Gain extends BoxResidual {
  readonly gain: number
}

/** The mean of `xs` over its standard error (0 for fewer than two or no spread). */
function zOfMean(xs: readonly number[]): number {
  const n = xs.length
  if (n < 2) return 0
  const mean = xs.reduce((a, b) => a + b, 0) / n
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1)
  return variance > 0 ? mean / Math.sqrt(variance / n) : 0
}

/**
 * The model with, per segment, the nowcast that did better on its own training history: the
 * departure carry-over where it beat the 7-day window ({@link compareNowcasts}), the window
 * elsewhere. A late voyage delays the voyages behind it (a carry-over); a congested port delays
 * every box that arrives while it lasts, whatever its departure (a window): the history says which.
 */
export function chooseNowcasts(
  model: EtaModel,
  journeys: readonly Journey[],
  fromMs = -Infinity,
  isOverdue = true,
): EtaModel {
  const comparisons = compareNowcasts(model, journeys, fromMs, isOverdue)
  if (comparisons.length === 0) return model
  const kept = new Map(model.departureCarries)
  for (const c of comparisons) if (!(c.carryMaeHours < c.windowMaeHours)) kept.delete(c.key)
  return { ...model, departureCarries: kept }
}

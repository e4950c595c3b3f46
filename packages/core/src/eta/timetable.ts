import { utcMonthOf } from './calendar.js'
import { cdfOfSorted, ksDiffers, quantileOfSorted } from './quantiles.js'

const HOUR = 3_600_000
const WEEK = 7 * 24 * HOUR

/**
 * A departure timetable learned from history: the hours of the week departures leave at, the
 * minimum time between arrival and departure (the cut-off), and how many departures a box
 * usually misses (rolled cargo, missed connections).
 */
export interface Timetable {
  /** Departure hours as offsets in the week (ms, ascending). */
  readonly slotsMs: readonly number[]
  readonly cutoffMs: number
  /** Departures skipped after the first one the box could make (ascending samples). */
  readonly skips: Float64Array
  /**
   * Per UTC month (0–11) of the box's ready time (arrival plus cut-off), the skips of the boxes
   * ready in it, kept where they differ from the other months' (two-sample KS, 5% over the 12
   * months) and number at least 40: a season of closed ports or blank sailings.
   */
  readonly skipsByMonth?: readonly (Float64Array | undefined)[]
  /** When the latest schedule change was seen (a slot retired or added), if any. */
  readonly changedMs?: number
}

function weekOffset(ms: number): number {
  return ((ms % WEEK) + WEEK) % WEEK
}

/** The first departure slot at or after `ms`, as absolute time, and its index in the week. */
function firstSlotAtOrAfter(t: Timetable, ms: number): { atMs: number; index: number } {
  const base = ms - weekOffset(ms)
  const off = weekOffset(ms)
  const i = t.slotsMs.findIndex((s) => s >= off)
  if (i >= 0) return { atMs: base + (t.slotsMs[i] as number), index: i }
  return { atMs: base + WEEK + (t.slotsMs[0] as number), index: 0 }
}

/** The slot `k` departures after slot `index` whose time is `atMs`. */
function slotAfter(t: Timetable, atMs: number, index: number, k: number): number {
  const n = t.slotsMs.length
  const target = index + k
  const weeks = Math.floor(target / n)
  const j = target % n
  return atMs - (t.slotsMs[index] as number) + weeks * WEEK + (t.slotsMs[j] as number)
}

/**
 * The cut-off of a dwell: the shortest arrival-to-departure time seen (ignoring the shortest 0.2%
 * as recording errors), in whole hours. No box leaves sooner than the cut-off, and a box arriving
 * just before it is what makes the shortest dwell, so the minimum estimates it without the bias
 * of a percentile (which lands a share of the slot interval above it).
 */
export function learnCutoffMs(startsMs: readonly number[], endsMs: readonly number[]): number {
  const gaps = endsMs.map((e, i) => e - (startsMs[i] as number)).sort((a, b) => a - b)
  const robustMin = gaps[Math.floor(gaps.length * 0.002)] ?? 0
  return Math.max(0, Math.floor(robustMin / HOUR) * HOUR)
}

/** How long a departure slot may go unused, while others are used, before it is dropped. */
export const SLOT_RETIRED_AFTER_MS = 14 * 24 * HOUR
/** The chance below which a slot's absence from the recent departures retires it. */
const SLOT_ABSENCE_ALPHA = 0.01
/** The window in which two uses of a new slot add it to the timetable. */
export const SLOT_NEW_WITHIN_MS = 21 * 24 * HOUR

function slotOf(ms: number): number {
  return (Math.round(weekOffset(ms) / HOUR) * HOUR) % WEEK
}

const MIN_MONTH_SKIPS = 40

function skipsOf(
  slotsMs: readonly number[],
  cutoffMs: number,
  startsMs: readonly number[],
  endsMs: readonly number[],
): Pick<Timetable, 'skips' | 'skipsByMonth'> {
  const partial: Timetable = { slotsMs, cutoffMs, skips: new Float64Array() }
  const skips: number[] = []
  const months: number[] = []
  endsMs.forEach((e, i) => {
    const readyMs = (startsMs[i] as number) + cutoffMs
    const first = firstSlotAtOrAfter(partial, readyMs)
    let k = 0
    while (k < 20 && slotAfter(partial, first.atMs, first.index, k) < e - HOUR / 2) k++
    if (k >= 20) return
    skips.push(k)
    months.push(utcMonthOf(readyMs))
  })
  const byMonth = Array.from({ length: 12 }, (_, m) => {
    const inside = Float64Array.from(skips.filter((_, i) => months[i] === m)).sort()
    if (inside.length < MIN_MONTH_SKIPS) return undefined
    const outside = Float64Array.from(skips.filter((_, i) => months[i] !== m)).sort()
    return ksDiffers(inside, outside, 0.05 / 12) ? inside : undefined
  })
  return {
    skips: Float64Array.from(skips).sort(),
    ...(byMonth.some((x) => x !== undefined) ? { skipsByMonth: byMonth } : {}),
  }
}

/**
 * Learns a timetable from the (arrival, departure) pairs of a dwell segment when departures keep
 * to a few hours of the week (≥ 90% of them on slots seen at least 3 times); otherwise undefined
 * and the plain duration distribution is used. `cutoffMs`, when given, is the place's cut-off
 * learned from more boxes (every route through the port) than this segment has.
 *
 * Timetables change: a slot unused for {@link SLOT_RETIRED_AFTER_MS} while the place had
 * departures is dropped, a slot used twice within {@link SLOT_NEW_WITHIN_MS} of the latest
 * departure is added, and after such a change the skips are learned from the boxes that arrived
 * after it (when there are 20), so a new schedule is followed within three weeks.
 */
export function learnTimetable(
  startsMs: readonly number[],
  endsMs: readonly number[],
  cutoffMs: number = learnCutoffMs(startsMs, endsMs),
): Timetable | undefined {
  if (endsMs.length < 30) return undefined
  const counts = new Map<number, number>()
  const recent = new Map<number, number>()
  const lastSeen = new Map<number, number>()
  const latestMs = Math.max(...endsMs)
  let activeRecently = 0
  for (const e of endsMs) {
    const h = slotOf(e)
    counts.set(h, (counts.get(h) ?? 0) + 1)
    lastSeen.set(h, Math.max(lastSeen.get(h) ?? -Infinity, e))
    if (e > latestMs - SLOT_NEW_WITHIN_MS) recent.set(h, (recent.get(h) ?? 0) + 1)
    if (e > latestMs - SLOT_RETIRED_AFTER_MS) activeRecently++
  }
  const everSlots = [...counts]
    .filter(([, c]) => c >= Math.max(3, endsMs.length * 0.02))
    .map(([h]) => h)
  const onSlot = endsMs.filter((e) => everSlots.includes(slotOf(e)))
  if (everSlots.length === 0 || everSlots.length > 30 || onSlot.length < 0.9 * endsMs.length)
    return undefined
  // A slot is retired only when its absence is itself evidence: no use among the place's last
  // `activeRecently` departures would happen by chance (at the slot's usual share) under 1%. A
  // route with a box or two a week can skip a sailing for a fortnight while the sailing still runs.
  const isRetired = (h: number) =>
    (lastSeen.get(h) as number) < latestMs - SLOT_RETIRED_AFTER_MS &&
    (1 - (counts.get(h) as number) / onSlot.length) ** activeRecently < SLOT_ABSENCE_ALPHA
  const isNew = (h: number) => !everSlots.includes(h) && (recent.get(h) ?? 0) >= 2
  const slots = [...counts.keys()]
    .filter((h) => (everSlots.includes(h) || isNew(h)) && !isRetired(h))
    .sort((a, b) => a - b)
  if (slots.length === 0) return undefined
  const retired = everSlots.filter(isRetired)
  const changedMs = Math.max(
    ...retired.map((h) => lastSeen.get(h) as number),
    ...(slots.some(isNew) ? [latestMs - SLOT_NEW_WITHIN_MS] : []),
  )
  const after = startsMs.flatMap((s, i) => (s > changedMs ? [i] : []))
  const skips =
    after.length >= 20
      ? skipsOf(
          slots,
          cutoffMs,
          after.map((i) => startsMs[i] as number),
          after.map((i) => endsMs[i] as number),
        )
      : skipsOf(
          everSlots.sort((a, b) => a - b),
          cutoffMs,
          startsMs,
          endsMs,
        )
  return { slotsMs: slots, cutoffMs, ...skips, ...(changedMs > -Infinity ? { changedMs } : {}) }
}

/**
 * The timetable of one route's dwell at a place that has one (`place`, learned from every box
 * there, departing at `placeEndsMs`): the place's slots, so retirements and additions are judged
 * on every box, less the slots the route never uses although, at their share of the place's
 * departures since they first ran, it would have by chance (a connecting service that sails on
 * some of the port's days only); the skips are the route's own, since the place's last change.
 */
export function routeTimetable(
  place: Timetable,
  placeEndsMs: readonly number[],
  startsMs: readonly number[],
  endsMs: readonly number[],
): Timetable | undefined {
  const placeSlots = placeEndsMs.map(slotOf)
  const routeSlots = endsMs.map(slotOf)
  const slots = place.slotsMs.filter((h) => {
    let firstMs = Infinity
    placeEndsMs.forEach((e, i) => {
      if (placeSlots[i] === h) firstMs = Math.min(firstMs, e)
    })
    let placeSince = 0
    let onSlot = 0
    placeEndsMs.forEach((e, i) => {
      if (e < firstMs) return
      placeSince++
      if (placeSlots[i] === h) onSlot++
    })
    let routeSince = 0
    let used = 0
    endsMs.forEach((e, i) => {
      if (e < firstMs) return
      routeSince++
      if (routeSlots[i] === h) used++
    })
    return used > 0 || (1 - onSlot / placeSince) ** routeSince >= SLOT_ABSENCE_ALPHA
  })
  if (slots.length === 0) return undefined
  const since = startsMs.flatMap((s, i) => (s > (place.changedMs ?? -Infinity) ? [i] : []))
  const boxes = since.length >= 20 ? since : startsMs.map((_, i) => i)
  const skips = skipsOf(
    slots,
    place.cutoffMs,
    boxes.map((i) => startsMs[i] as number),
    boxes.map((i) => endsMs[i] as number),
  )
  return { slotsMs: slots, cutoffMs: place.cutoffMs, ...skips }
}

/** The first departure a box ready at `readyMs` (arrival plus cut-off) could make. */
export function firstFeasibleDepartureMs(t: Timetable, readyMs: number): number {
  return firstSlotAtOrAfter(t, readyMs).atMs
}

/** The learned skips of a box ready at `readyMs`: its month's where one differs, else all. */
function skipsAt(t: Timetable, readyMs: number): Float64Array {
  return t.skipsByMonth?.[utcMonthOf(readyMs)] ?? t.skips
}

/** The learned share of boxes ready at `readyMs` that miss their first feasible departure. */
export function learnedMissedShare(t: Timetable, readyMs: number): number {
  const skips = skipsAt(t, readyMs)
  return skips.length === 0 ? 0 : 1 - cdfOfSorted(skips, 0.5)
}

/**
 * The departures skipped at quantile `u` when a share `missedShare` of boxes miss their first one
 * (a nowcast's): none below 1 − `missedShare`, above it the learned count of those missed, given
 * that one was (at least one).
 */
function skipsAtMissedShare(skips: Float64Array, u: number, missedShare: number): number {
  if (u < 1 - missedShare) return 0
  const made = skips.length === 0 ? 1 : cdfOfSorted(skips, 0.5)
  if (made >= 1) return 1
  const v = made + ((u - (1 - missedShare)) / missedShare) * (1 - made)
  return Math.max(1, Math.round(quantileOfSorted(skips, v)))
}

/**
 * A departure time for a box that arrived at `startMs`: the first slot after the cut-off (and
 * after `notBeforeMs`, the present), plus the number of skipped departures at quantile `u`, from
 * the learned skips or, given `missedShareOf`, with the share of boxes that miss their first
 * departure it returns for the box's ready time (see `createSkipNowcast`).
 */
export function departureFromTimetable(
  t: Timetable,
  startMs: number,
  notBeforeMs: number,
  u: number,
  missedShareOf?: (readyMs: number) => number | undefined,
): number {
  // firstSlotAtOrAfter without its object: this runs for every Monte Carlo path.
  const ms = Math.max(startMs + t.cutoffMs, notBeforeMs)
  const off = weekOffset(ms)
  const slots = t.slotsMs
  let index = 0
  while (index < slots.length && (slots[index] as number) < off) index++
  let atMs: number
  if (index < slots.length) atMs = ms - off + (slots[index] as number)
  else {
    atMs = ms - off + WEEK + (slots[0] as number)
    index = 0
  }
  const skips = skipsAt(t, ms)
  const missedShare = missedShareOf?.(ms)
  const k =
    missedShare === undefined
      ? Math.round(quantileOfSorted(skips, u))
      : skipsAtMissedShare(skips, u, missedShare)
  return slotAfter(t, atMs, index, Math.max(0, k))
}

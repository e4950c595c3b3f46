import { describe, expect, it } from 'vitest'
import { estimateEta } from './estimate-eta.js'
import { destinationOf, journeyAsOf, type Journey } from './journey.js'
import { delayedAtSingapore } from './fixtures/journeys.js'
import { singaporeSpell } from './fixtures/singapore-spell.js'
import { createNowcast } from './nowcast.js'
import { residualWindowOf, windowMedianAt } from './residual-window.js'

const H = 3_600_000
const DAY = 24 * H
const SEA = 'DEPA VESSEL CNQZH > ARRI VESSEL SGSIN'

describe('the window nowcast pooled over the routes through a segment', () => {
  // A spell at Singapore's anchorage: every ship that arrived in the last 7 days waited 3 days
  // more, whichever route its boxes were on.
  const { journeys, nowMs, model, congested } = singaporeSpell()
  const sinOf = (j: Journey) =>
    j.stops.findIndex((x) => x.typeCode === 'ARRI' && x.UNLocationCode === 'SGSIN')
  // The boxes of each transshipment route that crossed the sea leg in the last 7 days.
  const crossed = new Map<string, number>()
  for (const j of congested) {
    const at = j.stops[sinOf(j)]?.actualMs
    if (at === undefined || at <= nowMs - 7 * DAY || at > nowMs) continue
    crossed.set(destinationOf(j), (crossed.get(destinationOf(j)) ?? 0) + 1)
  }
  // A thin route: beyond Singapore, with fewer boxes on the leg last week than the window needs.
  const thin = [...crossed].find(([d, n]) => d !== 'SGSIN' && n < 8)?.[0] as string
  // A box of it that sailed from Qinzhou just now.
  const box = journeys
    .filter((j) => destinationOf(j) === thin && (sailMsOf(j) ?? 0) > nowMs)
    .sort((a, b) => sailMsOf(a)! - sailMsOf(b)!)[0]!
  const atMs = sailMsOf(box)!
  // The spell lasts to the box's sailing: counted by departures, a window whose latest voyages
  // arrived on time (the fixture's spell ends at nowMs) rightly shows no spell.
  const lasting = delayedAtSingapore(
    journeys,
    (j) => {
      const at = j.stops[sinOf(j)]?.actualMs
      return at !== undefined && at > nowMs - 7 * DAY && at <= atMs
    },
    72,
  )
  const p50 = (js?: readonly Journey[], isPooledWindow = true) =>
    Date.parse(
      estimateEta(model, journeyAsOf(box, atMs), {
        nowMs: atMs,
        ...(js ? { nowcast: createNowcast({ model, journeys: js, isPooledWindow }) } : {}),
      }).finalArrival!.p50,
    )

  it('has a thin route on the sea leg, and the main route full', () => {
    expect(model.departureCarries.has(SEA)).toBe(false)
    expect(thin).toBeDefined()
    expect(crossed.get('SGSIN')).toBeGreaterThanOrEqual(8)
  })

  it("gives a thin route the leg's spell, which its own window does not show", () => {
    const own = createNowcast({ model, journeys: congested, isPooledWindow: false }).shiftOf(
      thin,
      SEA,
      nowMs,
    )
    const pooled = createNowcast({ model, journeys: congested, isPooledWindow: true })
    expect(own).toBeUndefined()
    expect(pooled.shiftOf(thin, SEA, nowMs)?.hours).toBeGreaterThan(48)
    const moved = p50(lasting) - p50(lasting, false)
    expect(moved).toBeGreaterThan(48 * H)
    expect(moved).toBeLessThan(96 * H)
  })

  it('leaves the estimate where it was on a quiet history', () => {
    const pooled = createNowcast({ model, journeys, isPooledWindow: true })
    expect(pooled.shiftOf(thin, SEA, nowMs)).toBeUndefined()
    expect(p50(journeys)).toBe(p50())
  })
})

/** When a journey sailed from its port of loading. */
function sailMsOf(j: Journey): number | undefined {
  return j.stops.find((s) => s.typeCode === 'DEPA' && s.modeOfTransport === 'VESSEL')?.actualMs
}

describe('the pooled window counted by departures', () => {
  // Boxes of departure d start together at d × 2 days and end over the following hours.
  const windowOf = (departures: readonly (readonly number[])[]) =>
    residualWindowOf(
      departures.flatMap((residuals, d) =>
        residuals.map((residualHours, i) => ({
          destination: 'X',
          startMs: d * 2 * DAY,
          endMs: d * 2 * DAY + 5 * DAY + i * H,
          residualHours,
        })),
      ),
    )
  const nowMs = 12 * DAY

  it('does not take one late voyage of many boxes for a spell', () => {
    const w = windowOf([Array.from({ length: 14 }, (_, i) => 30 + i), [-2, 3], [1, -4]])
    expect(windowMedianAt(w, nowMs, 10 * DAY, 8).hours).toBeGreaterThan(20)
    expect(windowMedianAt(w, nowMs, 10 * DAY, 8, true).hours).toBe(0)
  })

  it('takes late boxes over several sailings for a spell', () => {
    const w = windowOf([
      [20, 30, -2, 40, 25],
      [35, 10, 15, -3, 50],
      [22, 18, 30, 41, 12],
      [5, 60, -1, 33, 27],
    ])
    expect(windowMedianAt(w, nowMs, 10 * DAY, 8, true).hours).toBeGreaterThan(20)
  })

  it('gives a thin route no shift from one late voyage on the leg', () => {
    const { journeys, nowMs, model } = singaporeSpell()
    const sinAtOf = (j: Journey) =>
      j.stops.find((x) => x.typeCode === 'ARRI' && x.UNLocationCode === 'SGSIN')?.actualMs
    // The latest voyage that a box of the thin route was on and that had arrived by nowMs: all of
    // its boxes, over every route, wait 3 days more; the voyages before and after it do not.
    const sailMs = Math.max(
      ...journeys
        .filter((j) => destinationOf(j) === 'THLCH' && (sinAtOf(j) ?? Infinity) <= nowMs)
        .map((j) => sailMsOf(j)!),
    )
    const late = delayedAtSingapore(journeys, (j) => sailMsOf(j) === sailMs, 72)
    const onVoyage = late.filter((j) => sailMsOf(j) === sailMs)
    expect(onVoyage.length).toBeGreaterThanOrEqual(12)
    const atMs = Math.max(...onVoyage.map((j) => sinAtOf(j)!))
    const pooled = createNowcast({ model, journeys: late, isPooledWindow: true })
    expect(pooled.shiftOf('THLCH', SEA, atMs)).toBeUndefined()
  })
})

describe('the window counting boxes under way after they were due', () => {
  // Eight boxes ended on time, one voyage a day; sixteen more due over the last two days have not
  // arrived: a port that has stopped letting ships in.
  const ended = [-2, -1, 1, 2, -3, 3, -1, 1].map((residualHours, d) => ({
    destination: 'X',
    startMs: d * DAY,
    endMs: d * DAY + 3 * DAY + residualHours * H,
    dueMs: d * DAY + 3 * DAY,
    residualHours,
  }))
  const underWay = Array.from({ length: 16 }, (_, i) => ({
    destination: 'X',
    startMs: 6 * DAY + i * 3 * H,
    endMs: undefined,
    dueMs: 9 * DAY + i * 3 * H,
    residualHours: 0,
  }))
  const boxes = [...ended, ...underWay]
  const nowMs = 11 * DAY

  it('sees the spell before the boxes arrive', () => {
    expect(windowMedianAt(residualWindowOf(boxes), nowMs, 7 * DAY, 8).hours).toBe(0)
    const shift = windowMedianAt(residualWindowOf(boxes, true), nowMs, 7 * DAY, 8).hours
    // At least the time since the median box was due, no more than since the first.
    expect(shift).toBeGreaterThan(12)
    expect(shift).toBeLessThanOrEqual(48)
  })

  it("takes a box's own residual once it has ended", () => {
    const arrived = boxes.map((b) =>
      b.endMs === undefined ? { ...b, endMs: b.dueMs + 100 * H, residualHours: 100 } : b,
    )
    const later = nowMs + 5 * DAY
    expect(windowMedianAt(residualWindowOf(arrived, true), later, 7 * DAY, 8).hours).toBe(100)
    // Not yet ended by `nowMs`: still read as overdue then.
    expect(windowMedianAt(residualWindowOf(arrived, true), nowMs, 7 * DAY, 8).hours).toBeLessThan(
      49,
    )
  })
})

import { describe, expect, it } from 'vitest'
import {
  departureFromTimetable,
  learnCutoffMs,
  learnTimetable,
  routeTimetable,
  type Timetable,
} from './timetable.js'

const H = 3_600_000
const DAY = 24 * H
// A Tuesday, 12:00 UTC (2025-01-07), and sailings every Tuesday and Friday at 12:00.
const tue = Date.UTC(2025, 0, 7, 12)
const sailings = Array.from({ length: 40 }, (_, w) => [
  tue + w * 7 * DAY,
  tue + w * 7 * DAY + 3 * DAY,
]).flat()

describe('timetable', () => {
  // Boxes arrive 20–60 h before a sailing; one in ten misses it and takes the next.
  const starts: number[] = []
  const ends: number[] = []
  sailings.forEach((s, i) => {
    if (i + 1 >= sailings.length) return
    const arrival = s - (20 + (i % 5) * 10) * H
    starts.push(arrival)
    ends.push(i % 10 === 0 ? sailings[i + 1]! : s)
  })
  const timetable = learnTimetable(starts, ends)!

  it('learns the departure hours, the cut-off and the skips', () => {
    expect(timetable.slotsMs).toHaveLength(2)
    expect(timetable.cutoffMs).toBeGreaterThanOrEqual(19 * H)
    expect(timetable.cutoffMs).toBeLessThanOrEqual(20 * H)
    expect(timetable.skips.filter((k) => k === 1).length).toBe(Math.ceil(starts.length / 10))
  })

  it('sends a box to the next departure after the cut-off, or a later one at high quantiles', () => {
    const arrival = Date.UTC(2025, 5, 3, 0) // a Tuesday, 12 h before a sailing: too late
    expect(departureFromTimetable(timetable, arrival, arrival, 0.5)).toBe(Date.UTC(2025, 5, 6, 12))
    expect(departureFromTimetable(timetable, arrival, arrival, 0.99)).toBe(
      Date.UTC(2025, 5, 10, 12),
    )
  })

  it('does not learn a timetable from departures at any hour', () => {
    const anyHour = starts.map((s, i) => s + (7 + i * 5) * H + i * 60_000)
    expect(learnTimetable(starts, anyHour)).toBeUndefined()
  })
})

const weekly: Timetable = {
  slotsMs: [2 * DAY + 12 * H],
  cutoffMs: 24 * H,
  skips: new Float64Array(1),
}

describe('learnCutoffMs', () => {
  it('finds the cut-off from the shortest dwell, not a share of the slot interval above it', () => {
    // A weekly sailing, cut-off 24 h; 200 boxes arrive at any hour of the week.
    const arrivals = Array.from({ length: 200 }, (_, i) => tue + i * 37 * H + (i % 7) * 60_000)
    const departures = arrivals.map((a) => departureFromTimetable(weekly, a, a, 0.5))
    expect(learnCutoffMs(arrivals, departures)).toBe(24 * H)
  })
})

describe('a timetable that changes', () => {
  // Sailings on Tuesdays and Fridays for 30 weeks, then on Tuesdays and Saturdays: two boxes a
  // sailing, each arriving 40 h before it.
  const change = tue + 30 * 7 * DAY
  function history(weeksAfter: number) {
    const starts: number[] = []
    const ends: number[] = []
    for (let w = 0; w < 30 + weeksAfter; w++) {
      const week = tue + w * 7 * DAY
      for (const s of [week, week + (week < change ? 3 : 4) * DAY])
        for (let b = 0; b < 2; b++) {
          starts.push(s - (40 + b) * H)
          ends.push(s)
        }
    }
    return { starts, ends }
  }
  const slotsAfter = (weeks: number) => {
    const { starts, ends } = history(weeks)
    return learnTimetable(starts, ends)!.slotsMs.map((ms) => ms / H)
  }
  // Week offsets from Thursday 00:00 UTC (the epoch's weekday): Tue 12:00 = 132 h, Fri 12:00 =
  // 36 h, Sat 12:00 = 60 h.
  it('keeps both schedules at first, and only the new one three weeks after the change', () => {
    expect(slotsAfter(0)).toEqual([36, 132])
    expect(slotsAfter(1)).toEqual([36, 60, 132])
    expect(slotsAfter(3)).toEqual([60, 132])
    const { starts, ends } = history(3)
    const t = learnTimetable(starts, ends)!
    // A box arriving on Wednesday now leaves on Saturday, not on the retired Friday sailing.
    const wednesday = change + 7 * DAY + 1 * DAY
    expect(departureFromTimetable(t, wednesday, wednesday, 0.5)).toBe(change + 7 * DAY + 4 * DAY)
  })
})

describe('a timetable of few boxes', () => {
  // Three boxes a week over 40 weeks, two on the Tuesday sailing and one on the Friday one,
  // except the last three weeks, all on Tuesdays: the Friday sailing still runs, the route just
  // had no box on it (six in a row miss a third of the sailings 9% of the time).
  const starts: number[] = []
  const ends: number[] = []
  for (let w = 0; w < 40; w++)
    for (let b = 0; b < 3; b++) {
      const isFriday = b === 2 && w < 37
      const sailing = tue + w * 7 * DAY + (isFriday ? 3 * DAY : 0)
      starts.push(sailing - (30 + b) * H)
      ends.push(sailing)
    }

  it('keeps a slot whose absence a few boxes do not prove', () => {
    expect(learnTimetable(starts, ends)!.slotsMs.map((ms) => ms / H)).toEqual([36, 132])
  })

  it("takes a route's slots from the place's, less those it would have used by chance", () => {
    // The place: Tuesday, Friday and Sunday sailings, three boxes each a week; the route above
    // never uses the Sunday one, and has no box on Friday lately.
    const placeStarts: number[] = []
    const placeEnds: number[] = []
    for (let w = 0; w < 40; w++)
      for (const d of [0, 3, 5])
        for (let b = 0; b < 3; b++) {
          placeEnds.push(tue + w * 7 * DAY + d * DAY)
          placeStarts.push(tue + w * 7 * DAY + d * DAY - (20 + b) * H)
        }
    const place = learnTimetable(placeStarts, placeEnds)!
    expect(place.slotsMs).toHaveLength(3)
    const route = routeTimetable(place, placeEnds, starts, ends)!
    expect(route.slotsMs.map((ms) => ms / H)).toEqual([36, 132])
    expect(route.cutoffMs).toBe(place.cutoffMs)
  })
})

describe('a season of missed departures', () => {
  // Two years of boxes, six a week on the Tuesday sailing; in July every other one misses it.
  const starts: number[] = []
  const ends: number[] = []
  for (let w = 0; w < 104; w++)
    for (let b = 0; b < 6; b++) {
      const sailing = tue + w * 7 * DAY
      const isMissed = new Date(sailing).getUTCMonth() === 6 && b % 2 === 1
      starts.push(sailing - (30 + b) * H)
      ends.push(sailing + (isMissed ? 7 * DAY : 0))
    }
  const t = learnTimetable(starts, ends)!

  it("learns the month's skips where they differ, and sends a July box a sailing later", () => {
    expect(t.skipsByMonth?.[6]).toBeDefined()
    expect(t.skipsByMonth?.[2]).toBeUndefined()
    const july = Date.UTC(2025, 6, 13, 0)
    const march = Date.UTC(2025, 2, 9, 0)
    const late = (from: number) => departureFromTimetable(t, from, from, 0.75) - from
    expect(late(july) - late(march)).toBe(7 * DAY)
  })
})

import { describe, expect, it } from 'vitest'
import { estimateEta } from './estimate-eta.js'
import { destinationOf, journeyAsOf, type Journey } from './journey.js'
import { singaporeSpell } from './fixtures/singapore-spell.js'
import { createNowcast } from './nowcast.js'

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
  const sailMsOf = (j: Journey) =>
    j.stops.find((s) => s.typeCode === 'DEPA' && s.modeOfTransport === 'VESSEL')?.actualMs
  const box = journeys
    .filter((j) => destinationOf(j) === thin && (sailMsOf(j) ?? 0) > nowMs)
    .sort((a, b) => sailMsOf(a)! - sailMsOf(b)!)[0]!
  const atMs = sailMsOf(box)!
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
    const own = createNowcast({ model, journeys: congested }).shiftOf(thin, SEA, nowMs)
    const pooled = createNowcast({ model, journeys: congested, isPooledWindow: true })
    expect(own).toBeUndefined()
    expect(pooled.shiftOf(thin, SEA, nowMs)?.hours).toBeGreaterThan(48)
    const moved = p50(congested) - p50(congested, false)
    expect(moved).toBeGreaterThan(48 * H)
    expect(moved).toBeLessThan(96 * H)
  })

  it('leaves the estimate where it was on a quiet history', () => {
    const pooled = createNowcast({ model, journeys, isPooledWindow: true })
    expect(pooled.shiftOf(thin, SEA, nowMs)).toBeUndefined()
    expect(p50(journeys)).toBe(p50())
  })
})

import { describe, expect, it } from 'vitest'
import { createRandom } from '../simulation/random.js'
import { learnEtaModel } from './eta-model.js'
import type { Journey } from './journey.js'
import { quantileOfSorted } from './quantiles.js'

const H = 3_600_000
const KEY = 'DEPA VESSEL CNQZH > ARRI VESSEL SGSIN'

/**
 * Weekly sailings from Qinzhou for 17 months, 15 boxes each: a sea leg of 120 h plus the voyage's
 * delay (`delayOf`, by sailing and month of arrival) and each box's own 4 h of noise.
 */
function sailings(delayOf: (t: number, month: number) => number, seed: number): Journey[] {
  const rng = createRandom({ seed })
  return Array.from({ length: 74 }, (_, t) => {
    const departMs = Date.UTC(2024, 0, 1) + t * 7 * 24 * H
    const delay = delayOf(t, new Date(departMs + 120 * H).getUTCMonth())
    return Array.from({ length: 15 }, (_, i): Journey => {
      const startMs = departMs + i * 60_000
      const endMs = startMs + (120 + delay + 4 * rng.normal()) * H
      return {
        shipmentKey: `S${t}-${i}`,
        stops: [
          {
            typeCode: 'DEPA',
            UNLocationCode: 'CNQZH',
            modeOfTransport: 'VESSEL',
            plannedMs: startMs,
            actualMs: startMs,
          },
          {
            typeCode: 'ARRI',
            UNLocationCode: 'SGSIN',
            modeOfTransport: 'VESSEL',
            plannedMs: startMs + 120 * H,
            actualMs: endMs,
          },
        ],
      }
    })
  }).flat()
}

/** Each kept month window's median less the segment's, hours (undefined where none is kept). */
function monthLevels(journeys: Journey[]): (number | undefined)[] {
  const sea = learnEtaModel({ journeys }).segments.get(KEY)!
  const whole = quantileOfSorted(sea.hours, 0.5)
  return sea.byMonth.map((w) => (w === undefined ? undefined : quantileOfSorted(w, 0.5) - whole))
}

describe('month windows judged by independent evidence', () => {
  it('keeps little of months that differ only by a delay carried from sailing to sailing', () => {
    // Bunched sailings: each passes 80% of its delay on (stationary s.d. 27 h), no season at all.
    const spread = [1, 2, 3].map((seed) => {
      const rng = createRandom({ seed: 100 + seed })
      let carried = 0
      const delays = Array.from({ length: 74 }, () => (carried = 0.8 * carried + 16 * rng.normal()))
      const levels = monthLevels(sailings((t) => delays[t]!, seed))
      return Math.max(0, ...levels.map((x) => Math.abs(x ?? 0)))
    })
    // Each window at its own months' level, as the boxes' KS test keeps them, is 26–77 h off.
    for (const s of spread) expect(s).toBeLessThan(20)
  })

  it('keeps a real season whose sailings are independent evidence', () => {
    // Independent voyages (s.d. 10 h), 40 h longer when they arrive in May.
    const rng = createRandom({ seed: 9 })
    const levels = monthLevels(
      sailings((_, month) => 10 * rng.normal() + (month === 4 ? 40 : 0), 4),
    )
    // 36 h unshrunk (May's window also holds late-April sailings' shorter legs).
    expect(levels[4]).toBeGreaterThan(30)
  })
})

import { describe, expect, it } from 'vitest'
import {
  formatDate,
  formatDateTime,
  formatDurationHours,
  formatNumber,
  formatRelative,
  formatUnit,
} from './format.js'

const zh = { language: 'zh', timeZone: 'Asia/Shanghai' } as const
const en = { language: 'en', timeZone: 'Asia/Singapore' } as const

describe('format', () => {
  it('formats instants in the locale and zone, and dashes what is missing or invalid', () => {
    const at = '2026-11-27T02:30:00Z'
    expect(formatDateTime(at, zh)).toBe('2026年11月27日 10:30 GMT+8')
    expect(formatDateTime(at, en)).toBe('27 Nov 2026, 10:30 GMT+8')
    expect(formatDateTime(at, { language: 'en', timeZone: 'UTC' })).toBe('27 Nov 2026, 02:30 UTC')
    expect(formatDateTime(null, en)).toBe('—')
    expect(formatDateTime('not a date', zh)).toBe('—')
  })

  it('formats a bare date as that calendar day in any zone', () => {
    expect(formatDate('2026-11-27', { language: 'en', timeZone: 'America/Los_Angeles' })).toBe(
      '27 Nov 2026',
    )
    expect(formatDate('2026-11-27', zh)).toBe('2026年11月27日')
  })

  it('groups numbers and names units per locale', () => {
    expect(formatNumber(1234567, en)).toBe('1,234,567')
    expect(formatUnit(2508, 'kilometer', en)).toBe('2,508 km')
    expect(formatUnit(2508, 'kilometer', zh)).toBe('2,508公里')
    expect(formatUnit(21500, 'kilogram', zh)).toBe('21,500千克')
    expect(formatUnit(80, 'percent', en)).toBe('80%')
  })

  it('formats signed durations in days and hours', () => {
    expect(formatDurationHours(28, en)).toBe('+1d 4h')
    expect(formatDurationHours(-5, en)).toBe('−5h')
    expect(formatDurationHours(48, zh)).toBe('+2天')
  })

  it('formats relative times', () => {
    const now = Date.parse('2026-11-27T00:00:00Z')
    expect(formatRelative('2026-11-30T00:00:00Z', now, en)).toBe('in 3 days')
    expect(formatRelative('2026-11-30T00:00:00Z', now, zh)).toBe('3天后')
    expect(formatRelative('2026-11-26T22:00:00Z', now, en)).toBe('2 hours ago')
  })
})

/** The dashboard's two languages. */
export type Language = 'zh' | 'en'

/** BCP 47 locale used for Intl formatting in each language. */
export const LOCALE_OF: Readonly<Record<Language, string>> = { zh: 'zh-CN', en: 'en-GB' }

/** Options shared by the formatters; `timeZone` defaults to the browser's. */
export interface FormatOptions {
  readonly language: Language
  readonly timeZone?: string
}

/**
 * Formats an ISO 8601 instant as date, 24-hour time and zone offset, or `—`: "27 Nov 2026, 10:30
 * GMT+8", "2026年11月27日 10:30 GMT+8". Built from parts, since Intl puts the zone before the time
 * in Chinese.
 */
export function formatDateTime(
  iso: string | null | undefined,
  { language, timeZone }: FormatOptions,
): string {
  const date = parseInstant(iso)
  if (!date) return '—'
  const locale = LOCALE_OF[language]
  const day = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: language === 'zh' ? 'long' : 'short',
    day: 'numeric',
    timeZone,
  }).format(date)
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(date)
  const zone =
    new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value ?? ''
  return `${day}${language === 'zh' ? ' ' : ', '}${time} ${zone}`.trim()
}

/** Formats an ISO 8601 instant or date as a medium date, or `—`. */
export function formatDate(
  iso: string | null | undefined,
  { language, timeZone }: FormatOptions,
): string {
  const date = parseInstant(iso)
  if (!date) return '—'
  // A bare date (YYYY-MM-DD) names a calendar day, not an instant: format it in UTC.
  const zone = /^\d{4}-\d{2}-\d{2}$/.test(iso ?? '') ? 'UTC' : timeZone
  return new Intl.DateTimeFormat(LOCALE_OF[language], {
    dateStyle: 'medium',
    timeZone: zone,
  }).format(date)
}

/** Formats a number with the locale's grouping. */
export function formatNumber(
  value: number,
  { language }: FormatOptions,
  maximumFractionDigits = 0,
): string {
  return new Intl.NumberFormat(LOCALE_OF[language], { maximumFractionDigits }).format(value)
}

/** Formats a value with a unit Intl knows (`kilometer`, `kilogram`, `hour`, `day`, ...). */
export function formatUnit(
  value: number,
  unit: 'kilometer' | 'kilogram' | 'hour' | 'day' | 'percent' | 'megabyte' | 'cubic-meter',
  { language }: FormatOptions,
  maximumFractionDigits = 0,
): string {
  if (unit === 'cubic-meter') {
    return `${formatNumber(value, { language }, maximumFractionDigits)} m³`
  }
  return new Intl.NumberFormat(LOCALE_OF[language], {
    style: unit === 'percent' ? 'percent' : 'unit',
    unit: unit === 'percent' ? undefined : unit,
    // Chinese reads units as words (公里, 千克); English as symbols (km, kg).
    unitDisplay: language === 'zh' ? 'long' : 'short',
    maximumFractionDigits,
  }).format(unit === 'percent' ? value / 100 : value)
}

/** Formats a signed duration in hours as days and hours in the locale ("+1 d 4 h"). */
export function formatDurationHours(hours: number, { language }: FormatOptions): string {
  const sign = hours < 0 ? '−' : '+'
  const total = Math.round(Math.abs(hours))
  const days = Math.floor(total / 24)
  const rest = total % 24
  const fmt = (value: number, unit: 'day' | 'hour') =>
    new Intl.NumberFormat(LOCALE_OF[language], {
      style: 'unit',
      unit,
      unitDisplay: 'narrow',
    }).format(value)
  const parts =
    days > 0 ? [fmt(days, 'day'), ...(rest > 0 ? [fmt(rest, 'hour')] : [])] : [fmt(rest, 'hour')]
  return `${sign}${parts.join(' ')}`
}

/** Formats a relative time ("in 3 days", "3 天后") from now. */
export function formatRelative(
  iso: string | null | undefined,
  nowMs: number,
  { language }: FormatOptions,
): string {
  const date = parseInstant(iso)
  if (!date) return '—'
  const hours = (date.getTime() - nowMs) / 3_600_000
  const rtf = new Intl.RelativeTimeFormat(LOCALE_OF[language], { numeric: 'auto' })
  return Math.abs(hours) >= 36
    ? rtf.format(Math.round(hours / 24), 'day')
    : rtf.format(Math.round(hours), 'hour')
}

function parseInstant(iso: string | null | undefined): Date | null {
  if (typeof iso !== 'string' || iso.length === 0) return null
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? null : date
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/

/**
 * Parses an RFC 3339 date-time (ISO 8601 with a zone) to epoch milliseconds, or undefined when the
 * text is not one or names an impossible date such as 30 February.
 */
export function parseEventTime(text: string): number | undefined {
  const m = DATE_TIME.exec(text)
  if (m === null) return undefined
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  if (month < 1 || month > 12 || day < 1) return undefined
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : ms
}

/** Epoch milliseconds as ISO 8601 UTC (`2026-05-01T08:00:00.000Z`). */
export function formatEventTime(ms: number): string {
  return new Date(ms).toISOString()
}

import type { PrivacyPolicy } from './privacy-policy.js'
import type { TransferRecord } from './transfer-record.js'

/** One row of the yearly report: an exporter's transfers to one country. */
export interface TransferReportRow {
  readonly exporter: string
  readonly recipientCountry: string
  readonly transfers: number
  /** Distinct individuals (by keyed hash) sent to this country. */
  readonly subjects: number
  /** Distinct individuals the exporter sent abroad this year, all countries (the threshold count). */
  readonly exporterSubjects: number
  readonly categories: readonly string[]
  readonly bases: readonly string[]
  /** The exporter's count over the 100,000-individual exemption threshold, e.g. 0.42. */
  readonly thresholdShare: number
}

/** Whether a record falls in a calendar year (UTC; the CAC count runs from 1 January). */
export const inYear = (record: TransferRecord, year: number): boolean =>
  record.recordedAt.startsWith(`${year}-`)

/** Distinct subjects per exporter in a year, all countries: the counters the thresholds apply to. */
export function exporterSubjects(
  records: readonly TransferRecord[],
  year: number,
): SubjectCounters {
  const counters: SubjectCounters = new Map()
  for (const record of records) if (inYear(record, year)) countSubjects(counters, record)
  return counters
}

/** Distinct subjects per exporter: all, and those whose data was sensitive. */
export type SubjectCounters = Map<string, { all: Set<string>; sensitive: Set<string> }>

/**
 * Adds one register entry to a year's counters (kept incrementally by the register): only entries
 * that sent personal data in clear count (minimised copies carry none).
 */
export function countSubjects(counters: SubjectCounters, record: TransferRecord): void {
  if (record.action !== 'send') return
  const entry = counters.get(record.exporter) ?? { all: new Set(), sensitive: new Set() }
  for (const h of record.subjectHashes) {
    entry.all.add(h)
    if (record.sensitive) entry.sensitive.add(h)
  }
  counters.set(record.exporter, entry)
}

/** The yearly report per exporter and recipient country. */
export function transferReport(
  records: readonly TransferRecord[],
  year: number,
  policy: PrivacyPolicy,
): TransferReportRow[] {
  const totals = exporterSubjects(records, year)
  const rows = new Map<string, { records: TransferRecord[] }>()
  for (const record of records) {
    if (!inYear(record, year)) continue
    const key = `${record.exporter}\u0000${record.recipientCountry}`
    const row = rows.get(key) ?? { records: [] }
    row.records.push(record)
    rows.set(key, row)
  }
  return [...rows.values()]
    .map(({ records: group }) => {
      const { exporter, recipientCountry } = group[0]!
      const exporterCount = totals.get(exporter)?.all.size ?? 0
      return {
        exporter,
        recipientCountry,
        transfers: group.length,
        subjects: new Set(group.filter((r) => r.action === 'send').flatMap((r) => r.subjectHashes))
          .size,
        exporterSubjects: exporterCount,
        categories: [...new Set(group.flatMap((r) => r.categories))].sort(),
        bases: [...new Set(group.map((r) => r.basis.id ?? r.basis.kind))].sort(),
        thresholdShare: exporterCount / policy.thresholds.nonSensitiveExempt,
      }
    })
    .sort((a, b) =>
      `${a.exporter}${a.recipientCountry}`.localeCompare(`${b.exporter}${b.recipientCountry}`),
    )
}

/** The report as CSV (RFC 4180), one row per exporter and recipient country. */
export function transferReportCsv(rows: readonly TransferReportRow[]): string {
  const quote = (v: string | number) => {
    const s = String(v)
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  const header =
    'exporter,recipientCountry,transfers,subjects,exporterSubjects,categories,bases,thresholdShare'
  const lines = rows.map((r) =>
    [
      r.exporter,
      r.recipientCountry,
      r.transfers,
      r.subjects,
      r.exporterSubjects,
      r.categories.join(' '),
      r.bases.join(' '),
      r.thresholdShare.toFixed(4),
    ]
      .map(quote)
      .join(','),
  )
  return [header, ...lines].join('\r\n') + '\r\n'
}

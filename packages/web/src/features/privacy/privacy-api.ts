import type { ApiClient } from '../../lib/api-client.js'

/** One row of `GET /api/privacy/report`: an exporter's transfers to one country in a year. */
export interface ReportRow {
  readonly exporter: string
  readonly recipientCountry: string
  readonly transfers: number
  readonly subjects: number
  readonly exporterSubjects: number
  readonly categories: readonly string[]
  readonly bases: readonly string[]
  readonly thresholdShare: number
}

/** A register entry of `GET /api/privacy/register` (docs/privacy.md). */
export interface RegisterEntry {
  readonly leafIndex: number
  readonly record: {
    readonly recordedAt: string
    readonly channel: string
    readonly recipient: string
    readonly recipientCountry: string
    readonly action: 'send' | 'minimise'
    readonly subjectCount: number
    readonly basis: { readonly kind: string; readonly id?: string }
  }
}

/** What the privacy screen shows: the year's report and the register checked against the ledger. */
export interface PrivacyOverview {
  readonly jurisdiction: string
  readonly rows: readonly ReportRow[]
  readonly entries: readonly RegisterEntry[]
  readonly treeSize: number
  readonly failed: readonly number[]
}

/** Loads the policy's jurisdiction, the report and the register of a year (operator only). */
export async function getPrivacyOverview(
  client: ApiClient,
  year: number,
): Promise<PrivacyOverview> {
  const [policy, report, register] = await Promise.all([
    client.get<{ jurisdiction: string }>('/privacy/policy'),
    client.get<{ rows: ReportRow[] }>(`/privacy/report?year=${year}`),
    client.get<{ treeSize: number; failed: number[]; entries: RegisterEntry[] }>(
      `/privacy/register?year=${year}`,
    ),
  ])
  return {
    jurisdiction: policy.jurisdiction,
    rows: report.rows,
    entries: register.entries,
    treeSize: register.treeSize,
    failed: register.failed,
  }
}

/** One local read of personal data (`GET /api/privacy/access-log`). */
export interface AccessLogEntry {
  readonly at: string
  readonly reader: string
  readonly what: string
  readonly subjectHashes: readonly string[]
}

/** An erasure request (`GET /api/privacy/erasures`). */
export interface ErasureRequest {
  readonly subjectHash: string
  readonly requestedAt: string
  readonly dueAt: string
  readonly rule: string | null
  readonly status: 'pending' | 'done'
  readonly erasedAt: string | null
}

/** The individuals' side of the screen: the year's access log and the erasure requests. */
export async function getPrivacyRights(
  client: ApiClient,
  year: number,
): Promise<{ reads: readonly AccessLogEntry[]; erasures: readonly ErasureRequest[] }> {
  const [log, erasures] = await Promise.all([
    client.get<{ items: AccessLogEntry[] }>(`/privacy/access-log?year=${year}`),
    client.get<{ items: ErasureRequest[] }>('/privacy/erasures'),
  ])
  return { reads: log.items, erasures: erasures.items }
}

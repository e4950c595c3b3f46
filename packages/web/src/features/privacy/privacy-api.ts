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

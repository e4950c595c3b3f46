import type { ApiClient } from '../../lib/api-client.js'

/** `GET /api/emissions/report`: an organisation's emissions over a period (docs/emissions.md). */
export interface EmissionsReportView {
  readonly organisation: string
  readonly from: string
  readonly to: string
  readonly method: string
  readonly factorTableVersion: string
  readonly shipments: number
  readonly teu: number
  readonly co2eKg: number
  readonly tonneKm: number
  readonly tonneKmByMode: Readonly<Record<string, number>>
  readonly co2eKgPerTeuKm: number
  readonly shipmentsWithGaps: number
  readonly factors: readonly { id: string; value: number; unit: string; source: string }[]
  readonly rows: readonly {
    shipmentKey: string
    teu: number
    claimed: boolean
    co2eKg: number
    tonneKm: number
    distanceKm: number
    co2eKgPerTeuKm: number
    gaps: number
  }[]
}

/** The calling organisation's report over [from, to), dates as YYYY-MM-DD. */
export function getEmissionsReport(
  client: ApiClient,
  { from, to }: { from: string; to: string },
): Promise<EmissionsReportView> {
  const query = new URLSearchParams({ from, to })
  return client.get<EmissionsReportView>(`/emissions/report?${query.toString()}`)
}

/** The ISO 14083 transport chain report elements the report discloses, and those it does not. */
export const ISO_14083_ELEMENTS = {
  covered: ['total', 'activity', 'intensity', 'method', 'factors', 'period', 'rows', 'gaps'],
  notCovered: ['wttTtw', 'hubsApart', 'dataQuality', 'primaryShare'],
} as const

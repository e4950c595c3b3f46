import type { EmissionsReport } from '@landsea/core/emissions'
import type { ApiClient } from '../../lib/api-client.js'

/** `GET /api/emissions/report`: an organisation's emissions over a period (docs/emissions.md). */
export type EmissionsReportView = EmissionsReport

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

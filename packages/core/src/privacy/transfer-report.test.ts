import { describe, expect, it } from 'vitest'
import { defaultPrivacyPolicy } from './privacy-policy.js'
import type { TransferRecord } from './transfer-record.js'
import { exporterSubjects, transferReport, transferReportCsv } from './transfer-report.js'

const record = (over: Partial<TransferRecord>): TransferRecord => ({
  recordId: 'r',
  recordedAt: '2026-03-01T00:00:00.000Z',
  exporter: 'org-cq',
  recipient: 'org-sg',
  recipientCountry: 'SG',
  channel: 'webhook',
  purpose: 'carriage',
  action: 'send',
  categories: ['contact'],
  sensitive: false,
  subjectCount: 2,
  subjectHashes: ['a', 'b'],
  basis: { kind: 'pipl-volume-exemption' },
  warnings: [],
  payloadSha256: '00',
  ...over,
})

describe('transferReport', () => {
  const records = [
    record({}),
    record({ subjectHashes: ['b', 'c'], basis: { kind: 'pipl-standard-contract', id: 'scc-1' } }),
    record({ recipientCountry: 'MY', subjectHashes: ['d'] }),
    record({ action: 'minimise', subjectHashes: ['e'], categories: [] }),
    record({ recordedAt: '2025-12-31T23:59:59.000Z', subjectHashes: ['z'] }),
  ]

  it('counts distinct subjects per exporter in the calendar year, sent copies only', () => {
    expect(exporterSubjects(records, 2026).get('org-cq')?.all.size).toBe(4)
    expect(exporterSubjects(records, 2025).get('org-cq')?.all.size).toBe(1)
  })

  it('reports per exporter and recipient country, as JSON rows and CSV', () => {
    const rows = transferReport(records, 2026, defaultPrivacyPolicy('CN'))
    expect(rows).toEqual([
      expect.objectContaining({ recipientCountry: 'MY', transfers: 1, subjects: 1 }),
      expect.objectContaining({
        recipientCountry: 'SG',
        transfers: 3,
        subjects: 3,
        exporterSubjects: 4,
        bases: ['pipl-volume-exemption', 'scc-1'],
        thresholdShare: 4 / 100_000,
      }),
    ])
    const csv = transferReportCsv(rows).split('\r\n')
    expect(csv[0]).toBe(
      'exporter,recipientCountry,transfers,subjects,exporterSubjects,categories,bases,thresholdShare',
    )
    expect(csv[2]).toBe('org-cq,SG,3,3,4,contact,pipl-volume-exemption scc-1,0.0000')
  })
})

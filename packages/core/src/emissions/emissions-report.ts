import { GLEC_V3_2024, type FactorTable } from './factor-tables.js'
import { intensityPerTeuKm } from './emissions-claim.js'
import type { ShipmentEmissions } from './shipment-emissions.js'

/** One shipment in a report. */
export interface ReportShipment {
  readonly shipmentKey: string
  readonly teu: number
  /** Whether the figure is stated by an issued emissions claim. */
  readonly claimed: boolean
  readonly emissions: ShipmentEmissions
}

/**
 * An emissions report of an organisation over a period, with the ISO 14083 transport chain
 * report elements docs/emissions.md lists: totals, activity by mode, intensity, the factors with
 * their sources and the table version, and the parts not priced.
 */
export interface EmissionsReport {
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
  /** kg CO2e per TEU-km over the priced distance. */
  readonly co2eKgPerTeuKm: number
  /** Shipments with gaps: their figures cover the priced part only. */
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

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits

/** Sums the shipments of a report. */
export function buildEmissionsReport({
  organisation,
  from,
  to,
  shipments,
  table = GLEC_V3_2024,
}: {
  organisation: string
  from: string
  to: string
  shipments: readonly ReportShipment[]
  table?: FactorTable
}): EmissionsReport {
  const byMode: Record<string, number> = {}
  const usedFactors = new Set<string>()
  let teuKm = 0
  for (const s of shipments) {
    for (const [mode, tkm] of Object.entries(s.emissions.tonneKmByMode))
      byMode[mode] = round((byMode[mode] ?? 0) + tkm)
    for (const e of s.emissions.elements) usedFactors.add(e.factor)
    teuKm += s.teu * s.emissions.distanceKm
  }
  const co2eKg = round(shipments.reduce((sum, s) => sum + s.emissions.co2eKg, 0))
  const all = { ...table.transport, ...table.hubs }
  return {
    organisation,
    from,
    to,
    method: 'ISO 14083:2023 / GLEC Framework v3.0, well-to-wheel CO2e',
    factorTableVersion: table.version,
    shipments: shipments.length,
    teu: round(shipments.reduce((sum, s) => sum + s.teu, 0)),
    co2eKg,
    tonneKm: round(shipments.reduce((sum, s) => sum + s.emissions.tonneKm, 0)),
    tonneKmByMode: byMode,
    co2eKgPerTeuKm: teuKm > 0 ? round(co2eKg / teuKm, 6) : 0,
    shipmentsWithGaps: shipments.filter((s) => s.emissions.gaps.length > 0).length,
    factors: [...usedFactors].sort().flatMap((id) => {
      const f = (all as Record<string, (typeof all)[keyof typeof all]>)[id]
      return f ? [{ id: f.id, value: f.value, unit: f.unit, source: f.source }] : []
    }),
    rows: shipments.map((s) => ({
      shipmentKey: s.shipmentKey,
      teu: s.teu,
      claimed: s.claimed,
      co2eKg: s.emissions.co2eKg,
      tonneKm: s.emissions.tonneKm,
      distanceKm: s.emissions.distanceKm,
      co2eKgPerTeuKm: intensityPerTeuKm(s.emissions.co2eKg, s.teu, s.emissions.distanceKm),
      gaps: s.emissions.gaps.length,
    })),
  }
}

const csvCell = (v: unknown) => {
  const text = String(v)
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The report as CSV (RFC 4180): one row per shipment, then a total row. */
export function emissionsReportCsv(report: EmissionsReport): string {
  const header = [
    'shipmentKey',
    'teu',
    'claimed',
    'co2eKg',
    'tonneKm',
    'distanceKm',
    'co2eKgPerTeuKm',
    'gaps',
    'factorTableVersion',
  ]
  const lines = [header.join(',')]
  for (const r of report.rows)
    lines.push(
      [
        r.shipmentKey,
        r.teu,
        r.claimed,
        r.co2eKg,
        r.tonneKm,
        r.distanceKm,
        r.co2eKgPerTeuKm,
        r.gaps,
        report.factorTableVersion,
      ]
        .map(csvCell)
        .join(','),
    )
  lines.push(
    [
      'TOTAL',
      report.teu,
      '',
      report.co2eKg,
      report.tonneKm,
      '',
      report.co2eKgPerTeuKm,
      report.shipmentsWithGaps,
      report.factorTableVersion,
    ]
      .map(csvCell)
      .join(','),
  )
  return `${lines.join('\r\n')}\r\n`
}

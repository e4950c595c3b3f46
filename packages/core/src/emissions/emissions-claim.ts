import { VC_V2_CONTEXT, type VerifiableCredential } from '../identity/credential.js'
import { buildTimeline } from '../tracking/timeline.js'
import type { TrackingEvent } from '../tracking/tracking-event.js'
import { transportMilestonesOf } from '../tracking/timeline.js'
import { EmissionsError } from './emissions-error.js'
import { factorTable, type FactorTable } from './factor-tables.js'
import { computeJourneyEmissions, journeyOf } from './journey-emissions.js'
import type { Consignment, ShipmentEmissions } from './shipment-emissions.js'

/** The credential type of an emissions claim (our extension of VC Data Model 2.0; docs/emissions.md). */
export const EMISSIONS_CLAIM_TYPE = 'ShipmentEmissionsCredential'

/** The method a claim states. */
export const EMISSIONS_METHOD = 'ISO 14083:2023 / GLEC Framework v3.0, well-to-wheel CO2e'

/** A ledger leaf a claim is computed from: its index and its RFC 9162 leaf hash (hex). */
export interface ClaimedLeaf {
  readonly leafIndex: number
  readonly leafHash: string
}

/** The subject of an emissions claim: the figure, how it was computed, and from which leaves. */
export interface EmissionsClaimSubject extends ShipmentEmissions {
  readonly id: string
  readonly shipmentKey: string
  readonly teu: number
  readonly tonnes?: number
  readonly method: string
  /** kg CO2e per TEU-km of priced distance. */
  readonly co2eKgPerTeuKm: number
  readonly events: readonly ClaimedLeaf[]
}

/** The emissions of a shipment from its events alone, and why it is not finished, if it is not. */
export function emissionsOfEvents(
  events: readonly TrackingEvent[],
  consignment: Consignment,
  table: FactorTable,
): { emissions: ShipmentEmissions; incomplete?: string } {
  // The legs and their actual times do not depend on "now" (only the ETA and position do).
  const { milestones } = buildTimeline(events, 0)
  const { legs, gaps } = journeyOf(milestones)
  const emissions = computeJourneyEmissions(legs, consignment, { gaps, table })
  const route = transportMilestonesOf(milestones)
  let incomplete: string | undefined
  if (legs.length === 0) incomplete = 'the events show no complete leg'
  else if (emissions.gaps.length > 0)
    incomplete = `${emissions.gaps.length} part(s) of the journey cannot be priced (${emissions.gaps.map((g) => g.reason).join(', ')})`
  else if (route.some((m) => m.actualAt === undefined))
    incomplete = 'the shipment is not finished: some departures or arrivals have no actual event'
  return incomplete === undefined ? { emissions } : { emissions, incomplete }
}

/** kg CO2e per TEU-km, to six decimals; 0 for no distance. */
export const intensityPerTeuKm = (co2eKg: number, teu: number, distanceKm: number) =>
  teu > 0 && distanceKm > 0 ? Math.round((co2eKg / (teu * distanceKm)) * 1e6) / 1e6 : 0

/** The subject of a claim over some events, or throws EMISSIONS_INCOMPLETE. */
export function emissionsClaimSubject({
  shipmentKey,
  consignment,
  events,
  factorTableVersion,
  tables,
}: {
  shipmentKey: string
  consignment: Consignment
  events: readonly { event: TrackingEvent; leafIndex: number; leafHash: string }[]
  factorTableVersion: string
  tables?: Readonly<Record<string, FactorTable>>
}): EmissionsClaimSubject {
  const table = factorTable(factorTableVersion, tables)
  if (!table)
    throw new EmissionsError(
      'EMISSIONS_FACTOR_TABLE_UNKNOWN',
      `no factor table ${factorTableVersion}`,
    )
  const ordered = [...events].sort((a, b) => a.leafIndex - b.leafIndex)
  const { emissions, incomplete } = emissionsOfEvents(
    ordered.map((e) => e.event),
    consignment,
    table,
  )
  if (incomplete !== undefined)
    throw new EmissionsError('EMISSIONS_INCOMPLETE', `${shipmentKey}: ${incomplete}`)
  return {
    id: `urn:landsea:shipment:${encodeURIComponent(shipmentKey)}`,
    shipmentKey,
    teu: consignment.teu,
    ...(consignment.tonnes !== undefined ? { tonnes: consignment.tonnes } : {}),
    method: EMISSIONS_METHOD,
    ...emissions,
    co2eKgPerTeuKm: intensityPerTeuKm(emissions.co2eKg, consignment.teu, emissions.distanceKm),
    events: ordered.map((e) => ({ leafIndex: e.leafIndex, leafHash: e.leafHash })),
  }
}

/** The unsigned credential of a claim (W3C VC Data Model 2.0). */
export function createEmissionsClaimCredential({
  id,
  issuer,
  issuedAt,
  subject,
}: {
  /** The claim's id (a `urn:uuid:`), which a green-linked pledge cites. */
  id?: string
  issuer: string
  issuedAt: Date
  subject: EmissionsClaimSubject
}): VerifiableCredential {
  return {
    '@context': [VC_V2_CONTEXT],
    ...(id ? { id } : {}),
    type: ['VerifiableCredential', EMISSIONS_CLAIM_TYPE],
    issuer,
    validFrom: issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    credentialSubject: subject as unknown as Record<string, unknown>,
  } as VerifiableCredential
}

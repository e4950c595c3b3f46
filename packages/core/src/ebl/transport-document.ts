/**
 * The transport document (bill of lading) in the DCSA eBL 3.0.3 model, `components.schemas.TransportDocument`,
 * with the fields Landsea reads typed and the rest carried as they are. Field names and enums are DCSA's.
 */
export interface TransportDocument {
  readonly transportDocumentReference: string
  readonly transportDocumentSubReference?: string
  readonly shippingInstructionsReference?: string
  readonly transportDocumentStatus: TransportDocumentStatus
  readonly transportDocumentTypeCode: 'BOL' | 'SWB'
  readonly isShippedOnBoardType: boolean
  readonly shippedOnBoardDate?: string
  readonly receivedForShipmentDate?: string
  readonly isElectronic: boolean
  readonly isToOrder: boolean
  readonly issueDate?: string
  readonly termsAndConditions: string
  readonly receiptTypeAtOrigin: 'CY' | 'SD' | 'CFS'
  readonly deliveryTypeAtDestination: 'CY' | 'SD' | 'CFS'
  readonly cargoMovementTypeAtOrigin: 'FCL' | 'LCL'
  readonly cargoMovementTypeAtDestination: 'FCL' | 'LCL'
  readonly carrierCode: string
  readonly carrierCodeListProvider: 'SMDG' | 'NMFTA'
  readonly invoicePayableAt: { readonly UNLocationCode: string } | { readonly freeText: string }
  readonly transports: Transports
  readonly partyContactDetails: readonly PartyContactDetail[]
  readonly documentParties: DocumentParties
  readonly consignmentItems: readonly Record<string, unknown>[]
  readonly utilizedTransportEquipments: readonly Record<string, unknown>[]
  /** Landsea extension (not DCSA): the rail leg the DCSA model has no slot for. See docs/ebl.md. */
  readonly landseaRailLeg?: RailLegExtension
  readonly [field: string]: unknown
}

/** DCSA `transportDocumentStatus` values. */
export const TRANSPORT_DOCUMENT_STATUSES = [
  'DRAFT',
  'APPROVED',
  'ISSUED',
  'PENDING_SURRENDER_FOR_AMENDMENT',
  'SURRENDERED_FOR_AMENDMENT',
  'PENDING_SURRENDER_FOR_DELIVERY',
  'SURRENDERED_FOR_DELIVERY',
  'VOIDED',
] as const

/** One of {@link TRANSPORT_DOCUMENT_STATUSES}. */
export type TransportDocumentStatus = (typeof TRANSPORT_DOCUMENT_STATUSES)[number]

/** DCSA mode of transport for pre- and on-carriage. */
export type CarriageMode = 'VESSEL' | 'RAIL' | 'TRUCK' | 'BARGE' | 'MULTIMODAL'

/** A DCSA place: place of receipt or delivery, port of loading or discharge. */
export interface Place {
  readonly UNLocationCode?: string
  readonly locationName?: string
  readonly facilityName?: string
  readonly [field: string]: unknown
}

/** DCSA `Transports`. */
export interface Transports {
  readonly plannedDepartureDate: string
  readonly plannedArrivalDate: string
  readonly preCarriageBy?: CarriageMode
  readonly onCarriageBy?: CarriageMode
  readonly placeOfReceipt?: Place
  readonly portOfLoading: Place
  readonly portOfDischarge: Place
  readonly placeOfDelivery?: Place
  readonly onwardInlandRouting?: Place
  readonly vesselVoyages: readonly {
    readonly vesselName: string
    readonly carrierExportVoyageNumber: string
    readonly universalExportVoyageReference?: string
    readonly role?: 'FIRST_SEA_GOING' | 'MOTHER'
  }[]
}

/** DCSA `IdentifyingCode`. */
export interface IdentifyingCode {
  readonly codeListProvider: string
  readonly partyCode: string
  readonly codeListName?: string
}

/** A DCSA document party (shipper, consignee, endorsee, issuing party, notify party). */
export interface DocumentParty {
  readonly partyName: string
  readonly identifyingCodes?: readonly IdentifyingCode[]
  readonly [field: string]: unknown
}

/** DCSA `documentParties`. */
export interface DocumentParties {
  readonly shipper: DocumentParty
  readonly consignee?: DocumentParty
  readonly endorsee?: DocumentParty
  readonly issuingParty: DocumentParty
  readonly notifyParties?: readonly DocumentParty[]
  readonly [field: string]: unknown
}

/** DCSA `PartyContactDetail`. */
export interface PartyContactDetail {
  readonly name: string
  readonly phone?: string
  readonly email?: string
}

/**
 * Landsea extension: rail pre-carriage details. DCSA eBL 3.0 has `preCarriageBy: RAIL` but no place for the
 * train; these fields follow the rail consignment note (SMGS/CIM) and T&T 3.0's `railTransport`.
 */
export interface RailLegExtension {
  readonly trainNumber: string
  readonly wagonNumber?: string
  readonly departureStation: { readonly UNLocationCode: string; readonly stationName: string }
  readonly arrivalStation?: { readonly UNLocationCode: string; readonly stationName: string }
  readonly railWaybillNumber: string
  readonly plannedDepartureDateTime?: string
}

/**
 * The code list name under which a document party names a Landsea organisation:
 * `{ codeListProvider: 'ZZZ', codeListName: 'LANDSEA_ORG', partyCode: <organisation id> }`.
 */
export const LANDSEA_ORG_CODE_LIST = 'LANDSEA_ORG'

/**
 * The Landsea organisation id a document party names, if any. It runs on drafts before their
 * validation (to fill in the issuing carrier), so it reads the party defensively: a party or code
 * of the wrong type names no organisation rather than throwing.
 */
export function findPartyOrganisationId(party: DocumentParty | undefined): string | undefined {
  const codes: unknown = typeof party === 'object' && party !== null ? party.identifyingCodes : []
  if (!Array.isArray(codes)) return undefined
  for (const code of codes as unknown[]) {
    if (typeof code !== 'object' || code === null) continue
    const { codeListName, partyCode } = code as Record<string, unknown>
    if (codeListName === LANDSEA_ORG_CODE_LIST && typeof partyCode === 'string') return partyCode
  }
  return undefined
}

import { EblError } from './ebl-error.js'
import { draftTitleState, type TitleState } from './title-state.js'
import { findPartyOrganisationId, type TransportDocument } from './transport-document.js'

/** The initial title state a transport document implies: its issuing carrier, shipper and consignee. */
export function titleStateForDocument(document: TransportDocument): TitleState {
  const issuer = findPartyOrganisationId(document.documentParties?.issuingParty)
  if (!issuer) {
    throw new EblError(
      'EBL_UNKNOWN_PARTY',
      'the issuing party does not name a Landsea organisation',
    )
  }
  return draftTitleState({
    issuer,
    isToOrder: document.isToOrder === true,
    shipper: findPartyOrganisationId(document.documentParties?.shipper) ?? null,
    namedConsignee: findPartyOrganisationId(document.documentParties?.consignee) ?? null,
  })
}

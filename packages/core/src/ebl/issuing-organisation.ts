import {
  LANDSEA_ORG_CODE_LIST,
  findPartyOrganisationId,
  type TransportDocument,
} from './transport-document.js'

/**
 * The draft with its issuing party naming the carrier's organisation on this node (a Landsea
 * identifying code), unless it already names one; a document whose issuing party is missing or
 * malformed is returned as it is, for validation to report.
 */
export function withIssuingOrganisation(
  document: TransportDocument,
  carrier: string,
): TransportDocument {
  const parties = document.documentParties
  if (
    typeof parties !== 'object' ||
    parties === null ||
    typeof parties.issuingParty !== 'object' ||
    parties.issuingParty === null
  ) {
    return document
  }
  if (findPartyOrganisationId(parties.issuingParty) !== undefined) return document
  const given: unknown = parties.issuingParty.identifyingCodes
  // A wrong-typed list is the sender's mistake to hear about from validation, not to be replaced.
  if (given !== undefined && !Array.isArray(given)) return document
  const codes = (given ?? []) as NonNullable<typeof parties.issuingParty.identifyingCodes>
  return {
    ...document,
    documentParties: {
      ...parties,
      issuingParty: {
        ...parties.issuingParty,
        identifyingCodes: [
          ...codes,
          { codeListProvider: 'ZZZ', codeListName: LANDSEA_ORG_CODE_LIST, partyCode: carrier },
        ],
      },
    },
  }
}

import { isObject, type AddIssue, type DocumentChecks, type Json } from './document-checks.js'
import { LANDSEA_ORG_CODE_LIST } from './transport-document.js'

/** Checks DCSA `documentParties` against the bill's type (to order or straight). */
export function validateDocumentParties(td: Json, add: AddIssue, { str, array }: DocumentChecks) {
  const parties = td.documentParties
  if (parties === undefined)
    return add('/documentParties', 'REQUIRED', 'documentParties is required')
  if (!isObject(parties))
    return add('/documentParties', 'TYPE', 'documentParties must be an object')
  const party = (key: string, required: boolean, needsCodes: boolean) => {
    const p = `/documentParties/${key}`
    const v = parties[key]
    if (v === undefined) {
      if (required) add(p, 'REQUIRED', `${key} is required`)
      return
    }
    if (!isObject(v)) return add(p, 'TYPE', `${key} must be an object`)
    str(v, 'partyName', p, 70)
    const codes = array(v, 'identifyingCodes', p, needsCodes ? 1 : 0)
    codes?.forEach((c, i) => {
      const cp = `${p}/identifyingCodes/${i}`
      if (!isObject(c)) return add(cp, 'TYPE', 'an identifying code must be an object')
      str(c, 'codeListProvider', cp, 100)
      str(c, 'partyCode', cp, 150)
    })
  }
  const isToOrder = td.isToOrder === true
  party('shipper', true, false)
  party('issuingParty', true, false)
  party('consignee', !isToOrder, !isToOrder)
  party('endorsee', false, true)
  if (isToOrder && parties.consignee !== undefined && parties.endorsee !== undefined) {
    add('/documentParties/endorsee', 'RULE', 'consignee and endorsee are mutually exclusive')
  }
  if (!isToOrder && parties.endorsee !== undefined) {
    add('/documentParties/endorsee', 'RULE', 'a straight bill has no endorsee')
  }
  if (!isToOrder && isObject(parties.consignee)) {
    const codes = parties.consignee.identifyingCodes
    const named =
      Array.isArray(codes) &&
      codes.some((c) => isObject(c) && c.codeListName === LANDSEA_ORG_CODE_LIST)
    if (!named) {
      add(
        '/documentParties/consignee/identifyingCodes',
        'RULE',
        `a straight bill names its consignee's organisation (codeListName ${LANDSEA_ORG_CODE_LIST})`,
      )
    }
  }
  // DCSA eBL 3.0.3 makes notify parties conditional and its own to-order examples leave them out.
  const notify = array(parties, 'notifyParties', '/documentParties', 0)
  if (notify && notify.length > 3)
    add('/documentParties/notifyParties', 'TOO_MANY', 'at most 3 notify parties')
}

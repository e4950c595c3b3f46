import {
  compilePersonalDataLocator,
  DATA_MAP,
  MAPPED_STANDARDS,
  type PersonalDataLocator,
  type PersonalField,
} from '@landsea/core/privacy'
import { loadStandardDocument } from '@landsea/standards'

let locator: PersonalDataLocator | undefined

/**
 * The personal-data locator of every vendored standard (DCSA eBL, T&T, GS1 EPCIS), compiled once
 * from the standards' texts and the data map: what the gate looks for in any outbound payload.
 */
export function standardsPersonalDataLocator(): PersonalDataLocator {
  if (locator) return locator
  const merged = new Map<string, PersonalField[]>()
  for (const id of MAPPED_STANDARDS) {
    for (const [property, fields] of compilePersonalDataLocator(
      loadStandardDocument(id),
      DATA_MAP[id],
    )) {
      const known = merged.get(property) ?? []
      for (const field of fields) if (!known.some((k) => k.field === field.field)) known.push(field)
      merged.set(property, known)
    }
  }
  locator = merged
  return merged
}

/**
 * False when no personal value can be in this JSON text: none of the locator's container
 * properties appears as a key. A `\\u` escape could spell a key otherwise, so any escape answers
 * true (the text is then parsed and searched).
 */
export function mayHoldPersonalData(json: string, located: PersonalDataLocator): boolean {
  if (json.includes('\\u')) return true
  for (const property of located.keys()) if (json.includes(`"${property}"`)) return true
  return false
}

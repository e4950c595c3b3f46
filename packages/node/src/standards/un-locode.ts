import { findLocation, isKnownUnLocode, type Location } from '@landsea/core/tracking'
import { findUnLocode } from '@landsea/standards'

/**
 * A place by its UN/LOCODE: core's corridor table first (seaports with searoute's coordinates, the
 * corridor's rail terminals and inland ports), then the full UN/LOCODE code list vendored in
 * @landsea/standards — every function, not only ports. A listed place without published
 * coordinates is known but has no map position.
 */
export function locatePlace(UNLocationCode: string): Location | undefined {
  const own = findLocation(UNLocationCode)
  if (own !== undefined) return own
  const entry = findUnLocode(UNLocationCode)
  if (entry?.coordinates === undefined) return undefined
  return {
    UNLocationCode,
    name: entry.nameWithoutDiacritics || entry.name,
    longitude: entry.coordinates.longitude,
    latitude: entry.coordinates.latitude,
    // UN/LOCODE's function 1 is any port, sea or inland; 2 a rail terminal.
    kind: entry.functions.startsWith('1')
      ? 'seaport'
      : entry.functions.charAt(1) === '2'
        ? 'rail-terminal'
        : 'city',
  }
}

/** True when the code is in core's table or in the full UN/LOCODE list. */
export function isKnownPlace(UNLocationCode: string): boolean {
  return isKnownUnLocode(UNLocationCode) || findUnLocode(UNLocationCode) !== undefined
}

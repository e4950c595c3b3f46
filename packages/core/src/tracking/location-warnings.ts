import { isKnownUnLocode } from './location.js'
import type { TrackingIssue } from './tracking-error.js'
import type { TrackingEvent } from './tracking-event.js'

/**
 * Warnings for the well-formed UN/LOCODEs of an event that the location table does not hold
 * (`TRACKING_UNKNOWN_LOCATION`, path as in validation). Such an event is valid and stored: UN/LOCODE
 * grows with every issue, and a place missing here is still a place; the warning tells the sender
 * that the node cannot put it on the map.
 */
export function unknownLocationWarnings(
  event: TrackingEvent,
  isKnown: (UNLocationCode: string) => boolean = isKnownUnLocode,
): TrackingIssue[] {
  const warnings: TrackingIssue[] = []
  const check = (code: unknown, path: string) => {
    if (typeof code === 'string' && !isKnown(code))
      warnings.push({
        path,
        code: 'TRACKING_UNKNOWN_LOCATION',
        message: `unknown UN/LOCODE ${code}`,
      })
  }
  const e = event as {
    eventLocation?: { UNLocationCode?: unknown }
    transportCall?: { UNLocationCode?: unknown; location?: { UNLocationCode?: unknown } }
  }
  check(e.eventLocation?.UNLocationCode, '/eventLocation/UNLocationCode')
  check(e.transportCall?.UNLocationCode, '/transportCall/UNLocationCode')
  check(e.transportCall?.location?.UNLocationCode, '/transportCall/location/UNLocationCode')
  return warnings
}

import { LandseaError, type LandseaErrorOptions } from '../errors/index.js'

/**
 * Stable codes of {@link TrackingError} and of validation issues about tracking events.
 *
 * - `TRACKING_FIELD_REQUIRED`: a field the event family requires is missing.
 * - `TRACKING_FIELD_INVALID`: a field has the wrong type, length or format.
 * - `TRACKING_UNKNOWN_CODE`: a code is not in its DCSA T&T 2.2 (or Landsea extension) code list.
 * - `TRACKING_UNKNOWN_LOCATION`: a UN/LOCODE is not in the node's location table (a warning unless
 *   the node refuses unknown places).
 * - `TRACKING_CONTAINER_CHECK_DIGIT`: an `equipmentReference` fails the ISO 6346 check digit.
 * - `TRACKING_TIME_INVALID`: a date-time is not RFC 3339 / ISO 8601 with a zone.
 * - `TRACKING_TIME_IMPOSSIBLE`: times contradict each other (arrival before departure, an actual
 *   event after the moment it was reported).
 * - `TRACKING_EVENT_ID_CONFLICT`: an `eventID` already stored with different content.
 * - `TRACKING_BATCH_TOO_LARGE`: a batch over the size limit.
 * - `TRACKING_BATCH_MALFORMED`: a batch that is not a JSON array or NDJSON, or a line that is not JSON.
 * - `TRACKING_EPCIS_UNSUPPORTED`: an EPCIS event Landsea cannot map to a T&T event (a whole
 *   document with no usable event).
 * - `TRACKING_EPCIS_INVALID`: an EPCIS document that GS1's EPCIS 2.0 JSON Schema refuses.
 * - `TRACKING_GS1_KEY_INVALID`: a GS1 key (EPC URN or GS1 Digital Link) written against the GS1
 *   Tag Data Standard or Digital Link grammar, or with a wrong check digit.
 * - `TRACKING_NOT_FOUND`: no events, shipment or subscription under that key.
 * - `TRACKING_SUBSCRIPTION_INVALID`: a subscription without a valid callback or filter.
 * - `TRACKING_SUBSCRIPTION_LIMIT`: an organisation already has the most subscriptions a node allows.
 */
export type TrackingErrorCode =
  | 'TRACKING_FIELD_REQUIRED'
  | 'TRACKING_FIELD_INVALID'
  | 'TRACKING_UNKNOWN_CODE'
  | 'TRACKING_UNKNOWN_LOCATION'
  | 'TRACKING_CONTAINER_CHECK_DIGIT'
  | 'TRACKING_TIME_INVALID'
  | 'TRACKING_TIME_IMPOSSIBLE'
  | 'TRACKING_EVENT_ID_CONFLICT'
  | 'TRACKING_BATCH_TOO_LARGE'
  | 'TRACKING_BATCH_MALFORMED'
  | 'TRACKING_EPCIS_UNSUPPORTED'
  | 'TRACKING_EPCIS_INVALID'
  | 'TRACKING_GS1_KEY_INVALID'
  | 'TRACKING_NOT_FOUND'
  | 'TRACKING_SUBSCRIPTION_INVALID'
  | 'TRACKING_SUBSCRIPTION_LIMIT'

/** One problem found in an input: where (`path`, JSON-pointer-like), what (`code`) and why. */
export interface TrackingIssue {
  readonly path: string
  readonly code: TrackingErrorCode
  readonly message: string
  /** For a refusal by a standard's schema: the rule's place in it (`dcsa-tnt-2.2.0#/components/…`). */
  readonly schemaPath?: string
}

/**
 * Errors of event validation, ingestion, timelines and subscriptions. Callers branch on `code`.
 * `issues` is always a list, empty when there is none (API bodies have carried `issues: []`).
 */
export class TrackingError extends LandseaError<TrackingErrorCode, TrackingIssue> {
  declare readonly issues: readonly TrackingIssue[]

  constructor(
    code: TrackingErrorCode,
    message: string,
    options?: LandseaErrorOptions<TrackingIssue>,
  ) {
    super(code, message, { ...options, issues: options?.issues ?? [] })
  }
}

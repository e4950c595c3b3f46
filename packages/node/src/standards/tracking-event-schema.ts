import type { TrackingErrorCode, TrackingIssue } from '@landsea/core/tracking'
import { validateAgainst, type SchemaRef } from '@landsea/standards'

/** DCSA T&T 2.2.0's event schemas by `eventType`, in the vendored standard (EVENT_DOMAIN 1.0.4). */
export const TRACKING_EVENT_SCHEMAS: Readonly<Record<string, SchemaRef>> = {
  SHIPMENT: 'dcsa-tnt-2.2.0#/components/schemas/shipmentEvent',
  TRANSPORT: 'dcsa-tnt-2.2.0#/components/schemas/transportEvent',
  EQUIPMENT: 'dcsa-tnt-2.2.0#/components/schemas/equipmentEvent',
}

const CODE_BY_KEYWORD: Readonly<Record<string, TrackingErrorCode>> = {
  SCHEMA_REQUIRED: 'TRACKING_FIELD_REQUIRED',
  SCHEMA_ENUM: 'TRACKING_UNKNOWN_CODE',
  SCHEMA_FORMAT: 'TRACKING_FIELD_INVALID',
}

/**
 * The first validation layer of a tracking event: DCSA T&T 2.2.0's own schema for its event type
 * (an unknown type is left to the second layer, which names the allowed ones). Issues carry the
 * rule's `schemaPath`.
 */
export function validateTrackingEventSchema(input: unknown): readonly TrackingIssue[] {
  const eventType = (input as { eventType?: unknown } | null)?.eventType
  const ref = typeof eventType === 'string' ? TRACKING_EVENT_SCHEMAS[eventType] : undefined
  if (ref === undefined) return []
  return validateAgainst(ref, input).map((i) => ({
    path: i.path,
    code: CODE_BY_KEYWORD[i.code] ?? 'TRACKING_FIELD_INVALID',
    message: i.message,
    schemaPath: i.schemaPath,
  }))
}

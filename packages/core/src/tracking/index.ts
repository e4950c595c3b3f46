export { detectAlerts, type Alert, type AlertInput, type AlertKind } from './alerts.js'
export {
  CUSTOMS_MILESTONE_CODES,
  CUSTOMS_MILESTONE_TO_SHIPMENT_CODE,
  DOCUMENT_REFERENCE_TYPES,
  DOCUMENT_TYPE_CODES,
  EMPTY_INDICATOR_CODES,
  EQUIPMENT_EVENT_TYPE_CODES,
  EVENT_CLASSIFIER_CODES,
  EVENT_TYPES,
  FACILITY_TYPE_CODES,
  MODES_OF_TRANSPORT,
  SHIPMENT_EVENT_TYPE_CODES,
  TRANSPORT_EVENT_TYPE_CODES,
  isCode,
  type CustomsMilestoneCode,
  type DocumentReferenceType,
  type DocumentTypeCode,
  type EmptyIndicatorCode,
  type EquipmentEventTypeCode,
  type EventClassifierCode,
  type EventType,
  type FacilityTypeCode,
  type ModeOfTransport,
  type ShipmentEventTypeCode,
  type TransportEventTypeCode,
} from './codes.js'
export {
  containerUri,
  EPCIS_CONTEXT,
  fromEpcisDocument,
  LANDSEA_EPCIS_NAMESPACE,
  locationUri,
  toEpcisDocument,
  toEpcisEvent,
  toObjectEpcisDocument,
  type EpcisDocument,
  type EpcisEvent,
  type EpcisImport,
} from './epcis.js'
export {
  readObjectEvent,
  type EventObject,
  type ObjectEvent,
  type ObjectRole,
} from './epcis-objects.js'
export { GS1_CANONICAL_DOMAIN, objectKeyOf, type ObjectKey, type ObjectScheme } from './gs1-keys.js'
export {
  ingestObjectEvents,
  type ObjectEventStore,
  type ObjectEventWrite,
  type ObjectIngestResult,
  type StoredObjectEvent,
} from './object-event-store.js'
export {
  DEFAULT_MAX_BATCH_EVENTS,
  eventIdConflict,
  parseEventBatch,
  prepareEvent,
  prepareEventBatch,
  toBatchItems,
  type BatchItem,
  type PrepareOptions,
  type PreparedBatch,
  type PreparedEvent,
  type RejectedEvent,
} from './event-batch.js'
export { formatEventTime, parseEventTime } from './event-time.js'
export type {
  AppendPlannedResult,
  EventFacts,
  EventQuery,
  EventStore,
  ShipmentSummary,
  StoredEvent,
} from './event-store.js'
export {
  ingestEvents,
  storeEvents,
  type IngestReport,
  type StoreIngestResult,
} from './ingest-events.js'
export {
  planIngest,
  shipmentsToCheck,
  trackingEventLeaf,
  type EventWrite,
  type IngestPlan,
  type StoredEventFacts,
} from './ingest-plan.js'
export type {
  Delivery,
  DeliveryAttempt,
  DeliveryKind,
  DeliveryStatus,
  StoredSubscription,
  SubscriptionStore,
} from './subscription-store.js'
export {
  computeIso6346CheckDigit,
  isValidContainerNumber,
  withIso6346CheckDigit,
} from './iso6346.js'
export {
  CORRIDOR_FACILITIES,
  findLocation,
  greatCircleDistanceKm,
  interpolatePosition,
  isKnownUnLocode,
  listLocations,
  type Facility,
  type Location,
  type LocationKind,
  type LocationRow,
} from './location.js'
export { unknownLocationWarnings } from './location-warnings.js'
export {
  matchesSubscription,
  retryDelayMs,
  signNotification,
  validateSubscriptionRequest,
  verifyNotificationSignature,
  type AlertThresholds,
  type RetryPolicy,
  type Subscription,
  type SubscriptionFilter,
} from './subscription.js'
export { findTimeContradiction, type TransportMilestoneTime } from './time-consistency.js'
export {
  buildTimeline,
  transportMilestonesOf,
  type CurrentLeg,
  type CustomsStatus,
  type MapPosition,
  type Locate,
  type Milestone,
  type Timeline,
} from './timeline.js'
export { TrackingError, type TrackingErrorCode, type TrackingIssue } from './tracking-error.js'
export {
  carrierBookingReferenceOf,
  equipmentReferenceOf,
  eventTypeCodeOf,
  shipmentKeyOf,
  transportCallOf,
  transportDocumentReferenceOf,
  unLocationCodeOf,
  type CustomsMilestone,
  type DocumentReference,
  type EquipmentEvent,
  type EventCommon,
  type EventLocation,
  type Reference,
  type Seal,
  type ShipmentEvent,
  type TrackingEvent,
  type TransportCall,
  type TransportEvent,
  type Vessel,
} from './tracking-event.js'
export {
  validateTrackingEvent,
  type EventValidation,
  type ValidateEventOptions,
} from './validate-event.js'
export { createDoorDeliveryEvent } from './sample-events.js'

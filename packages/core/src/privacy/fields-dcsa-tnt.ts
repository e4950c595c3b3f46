import { none, type SchemaFieldDecisions } from './field-decision.js'

/**
 * Data-map decisions for every property of every schema of DCSA Track & Trace 2.2.0 (events, subscriptions),
 * as vendored in @landsea/standards (`dcsa-tnt-2.2.0`). data-map.test.ts fails when the vendored text has a
 * property that is not listed here, or lists one the text no longer has.
 */
export const DCSA_TNT_FIELDS: SchemaFieldDecisions = {
  subscriptionBody: { ...none('callbackUrl eventType') },
  subscriptionBodyWithSecret: { ...none('secret') },
  subscription: { ...none('subscriptionID') },
  transportEvent: { ...none('documentReferences') },
  baseEvent: { ...none('eventID eventCreatedDateTime') },
  baseEventBody: { ...none('eventType eventClassifierCode eventDateTime') },
  baseTransportEvent: {
    ...none(
      'eventType eventClassifierCode transportEventTypeCode delayReasonCode vesselScheduleChangeRemark changeRemark transportCallID transportCall eventTypeCode',
    ),
  },
  transportCall: {
    ...none(
      'transportCallID carrierServiceCode carrierVoyageNumber exportVoyageNumber importVoyageNumber transportCallSequenceNumber UNLocationCode facilityCode facilityCodeListProvider facilityTypeCode otherFacility modeOfTransport location vessel',
    ),
  },
  location: {
    ...none(
      'locationName latitude longitude UNLocationCode facilityCode facilityCodeListProvider address',
    ),
  },
  // A door-delivery address may name the individual receiving the goods.
  address: {
    ...none('street streetNumber floor postCode city stateRegion country'),
    name: { class: 'personal', category: 'contact' },
  },
  vessel: {
    ...none(
      'vesselIMONumber vesselName vesselFlag vesselCallSignNumber vesselOperatorCarrierCode vesselOperatorCarrierCodeListProvider',
    ),
  },
  references: { ...none('references') },
  reference: { ...none('referenceType referenceValue') },
  baseShipmentEvent: {
    ...none(
      'eventType eventDateTime eventClassifierCode shipmentEventTypeCode documentID documentTypeCode shipmentInformationTypeCode reason eventTypeCode shipmentID',
    ),
  },
  baseEquipmentEvent: {
    ...none(
      'eventType eventClassifierCode equipmentEventTypeCode equipmentReference ISOEquipmentCode emptyIndicatorCode eventLocation transportCallID transportCall documentReferences eventTypeCode',
    ),
  },
  seals: { ...none('seals') },
  seal: { ...none('sealNumber sealSource sealType') },
  error: { ...none('httpMethod requestUri errors statusCode statusCodeText errorDateTime') },
  shipmentSubscriptionBody: {
    ...none(
      'shipmentEventTypeCode documentTypeCode carrierBookingReference bookingReference transportDocumentID transportDocumentReference transportDocumentTypeCode',
    ),
  },
  transportSubscriptionBody: {
    ...none(
      'transportEventTypeCode scheduleID transportCallID vesselIMONumber carrierVoyageNumber exportVoyageNumber carrierServiceCode UNLocationCode',
    ),
  },
  equipmentSubscriptionBody: {
    ...none('equipmentEventTypeCode equipmentReference UNLocationCode'),
  },
  inline_response_default: { ...none('httpMethod requestUri') },
  inline_response_default_1: { ...none('httpMethod requestUri') },
  inline_response_default_2: { ...none('httpMethod requestUri') },
  inline_response_default_3: { ...none('httpMethod requestUri') },
  inline_response_default_4: { ...none('httpMethod requestUri') },
  inline_response_default_5: { ...none('httpMethod requestUri') },
  inline_response_default_6: { ...none('httpMethod requestUri') },
  subscriptionID_secret_body: { ...none('secret') },
  inline_response_default_7: { ...none('httpMethod requestUri') },
  documentReferences_inner: { ...none('documentReferenceType documentReferenceValue') },
  subErrors_inner: { ...none('reason message') },
}

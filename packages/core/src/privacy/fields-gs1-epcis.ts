import { none, type SchemaFieldDecisions } from './field-decision.js'

/**
 * Data-map decisions for every property of every schema of GS1 EPCIS 2.0 JSON Schema (events, master data),
 * as vendored in @landsea/standards (`gs1-epcis-2.0`). data-map.test.ts fails when the vendored text has a
 * property that is not listed here, or lists one the text no longer has.
 */
export const GS1_EPCIS_FIELDS: SchemaFieldDecisions = {
  attribute: { ...none('id attribute') },
  vocabularyElement: { ...none('id attributes children') },
  vocabulary: { ...none('type vocabularyElementList') },
  epcisHeader: { ...none('epcisMasterData') },
  errorDeclaration: { ...none('declarationTime reason correctiveEventIDs') },
  Event: {
    ...none(
      '@context eventTime recordTime eventTimeZoneOffset eventID certificationInfo errorDeclaration',
    ),
  },
  quantityElement: { ...none('epcClass quantity uom') },
  persistentDisposition: { ...none('set unset') },
  readPoint: { ...none('id') },
  bizLocation: { ...none('id') },
  bizTransaction: { ...none('type bizTransaction') },
  source: { ...none('type source') },
  destination: { ...none('type destination') },
  sensorMetadata: {
    ...none('time deviceID deviceMetadata rawData startTime endTime dataProcessingMethod bizRules'),
  },
  sensorReport: {
    ...none(
      'type exception deviceID deviceMetadata rawData dataProcessingMethod bizRules time microorganism chemicalSubstance coordinateReferenceSystem value component stringValue booleanValue hexBinaryValue uriValue minValue maxValue meanValue sDev percRank percValue uom',
    ),
  },
  sensorElement: { ...none('sensorMetadata sensorReport') },
  ObjectEvent: {
    ...none(
      'type epcList quantityList action bizStep disposition persistentDisposition readPoint bizLocation bizTransactionList sourceList destinationList sensorElementList ilmd',
    ),
  },
  AggregationEvent: {
    ...none(
      'type parentID childEPCs childQuantityList action bizStep disposition readPoint bizLocation bizTransactionList sourceList destinationList sensorElementList',
    ),
  },
  TransactionEvent: {
    ...none(
      'type bizTransactionList parentID epcList quantityList action bizStep disposition readPoint bizLocation sourceList destinationList sensorElementList',
    ),
  },
  TransformationEvent: {
    ...none(
      'type inputEPCList inputQuantityList outputEPCList outputQuantityList transformationID bizStep disposition persistentDisposition readPoint bizLocation bizTransactionList sourceList destinationList sensorElementList ilmd',
    ),
  },
  AssociationEvent: {
    ...none(
      'type parentID childEPCs childQuantityList action bizStep disposition readPoint bizLocation bizTransactionList sourceList destinationList sensorElementList',
    ),
  },
  'Extended-Event': { ...none('type') },
  'EPCIS-Document-Event': { ...none('type') },
  epcisDocument: {
    ...none(
      'id type @context schemaVersion creationDate instanceIdentifier sender receiver epcisHeader epcisBody',
    ),
  },
  resultsBody: { ...none('eventList vocabularyList') },
  queryResults: { ...none('queryName subscriptionID resultsBody') },
  epcisQueryDocumentBody: { ...none('queryResults') },
  epcisQueryDocument: { ...none('@context id type schemaVersion creationDate epcisBody') },
}

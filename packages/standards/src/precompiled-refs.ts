import type { SchemaRef } from './validate-against.js'

/**
 * The schemas nodes check on every request, whose validators are generated at install time
 * (scripts/build-validators.ts): the eBL transport document, the T&T 2.2 events, the EPCIS 2.0
 * document and the PINT 3.0 messages a node reads or writes.
 */
export const PRECOMPILED_REFS: readonly SchemaRef[] = [
  'dcsa-ebl-3.0.3#/components/schemas/TransportDocument',
  'dcsa-tnt-2.2.0#/components/schemas/shipmentEvent',
  'dcsa-tnt-2.2.0#/components/schemas/transportEvent',
  'dcsa-tnt-2.2.0#/components/schemas/equipmentEvent',
  'gs1-epcis-2.0#',
  ...(
    [
      'EblEnvelope',
      'EnvelopeManifest',
      'EnvelopeTransferChainEntry',
      'EnvelopeTransferStartedResponse',
      'EnvelopeTransferFinishedResponse',
      'IdentifyingCode',
      'ReceiverValidationResponse',
    ] as const
  ).map((name) => `dcsa-pint-3.0.0#/components/schemas/${name}` as const),
]

import type { ValidationIssue } from '@landsea/core/ebl'
import { validateAgainst } from '@landsea/standards'

/** Where PINT 3.0.0 defines its schemas, in the vendored standard (DCSA's own YAML). */
export const PINT_SCHEMAS = 'dcsa-pint-3.0.0#/components/schemas'

/** The PINT 3.0.0 schemas a node checks at its edge. */
export type PintSchemaName =
  | 'EblEnvelope'
  | 'EnvelopeManifest'
  | 'EnvelopeTransferChainEntry'
  | 'EnvelopeTransferStartedResponse'
  | 'EnvelopeTransferFinishedResponse'
  | 'IdentifyingCode'
  | 'ReceiverValidationResponse'

/** Validates a value against a PINT 3.0.0 schema; an empty list means it conforms. */
export function validatePint(name: PintSchemaName, value: unknown): readonly ValidationIssue[] {
  return validateAgainst(`${PINT_SCHEMAS}/${name}`, value)
}

import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { listOpenApiExamples } from './openapi-examples.js'
import { validateAgainst } from './validate-against.js'

const PINT = 'dcsa-pint-3.0.0#/components/schemas'
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
// Shape only: PINT's schemas constrain a JWS to its compact serialisation, not its signature.
const jws = (payload: unknown) => `${b64url({ alg: 'EdDSA' })}.${b64url(payload)}.c2lnbmF0dXJl`

describe('DCSA PINT 3.0.0 envelope schemas, loaded from the standard', () => {
  const [transportDocument] = listOpenApiExamples(
    'dcsa-ebl-3.0.3',
    (v) => v.transportDocumentStatus === 'ISSUED' && typeof v.transports === 'object',
  )
  const documentChecksum = sha256(JSON.stringify(transportDocument!.value))
  const entry = {
    eblPlatform: 'WAVE',
    transportDocumentChecksum: documentChecksum,
    transactions: [
      {
        actionCode: 'TRANSFER',
        actionDateTime: '2026-05-01T08:00:00Z',
        actor: {
          partyName: 'Chongqing Landsea',
          eblPlatform: 'WAVE',
          identifyingCodes: [{ codeListProvider: 'GLEIF', partyCode: '213800HX6IZM1QNBAJ33' }],
        },
        recipient: {
          partyName: 'Singapore Landsea',
          eblPlatform: 'BOLE',
          identifyingCodes: [{ codeListProvider: 'GLEIF', partyCode: '5493001KJTIIGC8Y1R12' }],
        },
      },
    ],
  }
  const entryJws = jws(entry)
  const manifest = {
    transportDocumentChecksum: documentChecksum,
    lastEnvelopeTransferChainEntrySignedContentChecksum: sha256(entryJws),
  }

  it('accepts a hand-built envelope: EblEnvelope, EnvelopeManifest, EnvelopeTransferChainEntry', () => {
    expect(validateAgainst(`${PINT}/EnvelopeTransferChainEntry`, entry)).toEqual([])
    expect(validateAgainst(`${PINT}/EnvelopeManifest`, manifest)).toEqual([])
    const envelope = {
      transportDocument: transportDocument!.value,
      envelopeManifestSignedContent: jws(manifest),
      envelopeTransferChain: [entryJws],
    }
    expect(validateAgainst(`${PINT}/EblEnvelope`, envelope)).toEqual([])
    const finished = {
      lastEnvelopeTransferChainEntrySignedContentChecksum:
        manifest.lastEnvelopeTransferChainEntrySignedContentChecksum,
      responseCode: 'RECE',
    }
    expect(validateAgainst(`${PINT}/EnvelopeTransferFinishedResponse`, finished)).toEqual([])
  })

  it('PINT 3.0.0 EnvelopeManifest: a checksum is 64 lower-case hex digits', () => {
    const issues = validateAgainst(`${PINT}/EnvelopeManifest`, {
      ...manifest,
      transportDocumentChecksum: documentChecksum.toUpperCase(),
    })
    expect(issues.map((i) => `${i.path} ${i.code} ${i.schemaPath}`)).toContain(
      `/transportDocumentChecksum SCHEMA_PATTERN ${PINT}/EnvelopeManifest/properties/transportDocumentChecksum/pattern`,
    )
  })
})

import type { PintReply, PintService } from '@landsea/node'
import type { FastifyReply } from 'fastify'
import { Type } from '@sinclair/typebox'
import type { RoutePlugin } from '../route-plugin.js'
import { errorResponses } from '../schemas.js'

/** Dependencies of the DCSA PINT 3.0.0 receiving endpoints. */
export interface PintRoutesOptions {
  readonly pint: PintService
}

/** A signed `EnvelopeTransferFinishedResponseSignedContent`: a compact JWS, as a JSON string. */
const SignedResponse = Type.String({
  pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$',
  description:
    'EnvelopeTransferFinishedResponseSignedContent (PINT 3.0.0), signed by this platform',
})

const StartedResponse = Type.Object({
  envelopeReference: Type.String(),
  transportDocumentChecksum: Type.String(),
  lastEnvelopeTransferChainEntrySignedContentChecksum: Type.String(),
  missingAdditionalDocumentChecksums: Type.Array(Type.String()),
})

/** Sends a PINT reply: a signed response is a JWS as a JSON string (Fastify sends strings as they are). */
function send(reply: FastifyReply, { status, body }: PintReply) {
  if (status === 204) return reply.status(204).send(null)
  if (typeof body === 'string')
    return reply
      .code(status as 200)
      .type('application/json')
      .send(JSON.stringify(body) as never)
  return reply.code(status as 201).send(body as never)
}

const Checksum = Type.String({ pattern: '^[0-9a-f]{64}$' })
const ENVELOPE_BODY_LIMIT = 8 * 1024 * 1024

/**
 * The receiving side of DCSA PINT 3.0.0 (`/v3/...`, as the standard names them): another platform
 * authenticates by its signatures, answered with signed response codes (docs/pint.md).
 */
export const pintRoutes: RoutePlugin<PintRoutesOptions> = async (app, { pint }) => {
  app.post(
    '/v3/envelopes',
    {
      config: { auth: 'platform-signature' },
      bodyLimit: ENVELOPE_BODY_LIMIT,
      schema: {
        tags: ['pint'],
        summary: 'PINT: start an envelope transfer (EblEnvelope)',
        body: Type.Any({ description: 'DCSA PINT 3.0.0 EblEnvelope' }),
        response: {
          200: SignedResponse,
          201: StartedResponse,
          409: SignedResponse,
          422: SignedResponse,
          ...errorResponses(400, 413),
        },
      },
    },
    async (request, reply) => {
      return send(reply, await pint.receiveEnvelope(request.body))
    },
  )

  app.put(
    '/v3/envelopes/:envelopeReference/additional-documents/:documentChecksum',
    {
      config: { auth: 'platform-signature' },
      bodyLimit: ENVELOPE_BODY_LIMIT,
      schema: {
        tags: ['pint'],
        summary: 'PINT: transfer an additional document (base64, as a JSON string)',
        params: Type.Object({
          envelopeReference: Type.String({ minLength: 1, maxLength: 100 }),
          documentChecksum: Checksum,
        }),
        body: Type.Any({ description: 'The document, base64-encoded, as a JSON string' }),
        response: {
          204: Type.Null(),
          409: SignedResponse,
          422: SignedResponse,
          ...errorResponses(400, 404, 413),
        },
      },
    },
    async (request, reply) => {
      const { envelopeReference, documentChecksum } = request.params
      return send(
        reply,
        await pint.receiveDocument(envelopeReference, documentChecksum, request.body),
      )
    },
  )

  app.put(
    '/v3/envelopes/:envelopeReference/finish-transfer',
    {
      config: { auth: 'platform-signature' },
      schema: {
        tags: ['pint'],
        summary: 'PINT: finish an envelope transfer',
        params: Type.Object({ envelopeReference: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: {
          200: SignedResponse,
          409: SignedResponse,
          422: SignedResponse,
          ...errorResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      return send(reply, await pint.finishTransfer(request.params.envelopeReference))
    },
  )

  app.post(
    '/v3/receiver-validation',
    {
      schema: {
        tags: ['pint'],
        summary: 'PINT: is this party one this platform serves?',
        body: Type.Any({ description: 'DCSA PINT 3.0.0 IdentifyingCode' }),
        response: {
          200: Type.Object({ partyName: Type.String() }),
          404: Type.Object({}),
          ...errorResponses(400),
        },
      },
    },
    async (request, reply) => {
      return send(reply, await pint.validateReceiver(request.body))
    },
  )
}

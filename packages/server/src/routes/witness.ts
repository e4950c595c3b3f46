import { Type } from '@sinclair/typebox'
import type { Witness } from '@landsea/core/ledger'
import { STATUS_BY_CODE } from '../errors.js'
import type { RoutePlugin } from '../route-plugin.js'

/** Dependencies of the witness routes. */
export interface WitnessRoutesOptions {
  /** The witness, built afresh per request so newly added peers count. */
  readonly witness: () => Promise<Witness>
  readonly listEvidence: () => Promise<readonly unknown[]>
}

/**
 * The witness this node runs for its peers, speaking C2SP tlog-witness: `POST
 * /api/witness/add-checkpoint` with a text body, answered with cosignature lines (200), the size
 * it holds (409, `text/x.tlog.size`), or a refusal (422 for a fork or a failed proof); fork evidence is kept and listed.
 */
export const witnessRoutes: RoutePlugin<WitnessRoutesOptions> = async (
  app,
  { witness, listEvidence },
) => {
  // The protocol defines no request media type: the body is read as text whatever the
  // Content-Type, or without one (this plugin's own scope; other routes keep their parsers).
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    done(null, body)
  })
  app.post(
    '/api/witness/add-checkpoint',
    {
      schema: {
        tags: ['witness'],
        summary: 'Submit a checkpoint with a consistency proof for cosigning (C2SP tlog-witness)',
        description:
          'Body: "old <size>", up to 63 base64 proof lines, an empty line, the signed checkpoint. 200: cosignature lines; 409 with text/x.tlog.size: the size the witness holds; 422 JSON: a fork, a size-0 checkpoint without the empty root, or a proof that fails (or is not empty when the old size is 0 or the checkpoint size), with evidence when the log signed it; any Content-Type is accepted; 403: bad log signature; 404: unknown log.',
        consumes: ['text/plain', '*/*'],
        body: Type.String({ maxLength: 1 << 20 }),
        produces: ['text/plain', 'text/x.tlog.size', 'application/json'],
      },
    },
    async (request, reply) => {
      const outcome = await (await witness()).addCheckpoint(request.body)
      if (outcome.ok) return reply.type('text/plain; charset=utf-8').send(outcome.cosignatures)
      // The refusals are answers of the C2SP protocol (the held size as text/x.tlog.size, fork
      // evidence beside the error), so this route renders them, with the statuses of errors.ts.
      const status = STATUS_BY_CODE[outcome.code]
      if (outcome.code === 'LEDGER_WITNESS_OLD_SIZE_MISMATCH') {
        return reply
          .status(status)
          .type('text/x.tlog.size')
          .send(`${outcome.latestSize ?? 0}\n`)
      }
      if (outcome.evidence) {
        // Loudly: a fork or a failed proof is evidence that a log misbehaved.
        request.log.error(
          { origin: outcome.evidence.origin, reason: outcome.code },
          `refused to cosign: ${outcome.message}`,
        )
      }
      return reply.status(status).send({
        error: { code: outcome.code, message: outcome.message },
        ...(outcome.evidence ? { evidence: outcome.evidence } : {}),
      })
    },
  )

  app.get(
    '/api/witness/evidence',
    {
      schema: {
        tags: ['witness'],
        summary:
          'Evidence of log misbehaviour this witness refused to cosign (forks, failed proofs)',
        response: { 200: Type.Object({ evidence: Type.Array(Type.Any()) }) },
      },
    },
    async () => ({ evidence: await listEvidence() }),
  )
}

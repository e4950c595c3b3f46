import type { TitleRegistry } from '@landsea/core/ebl'
import type { OrganisationStore } from '@landsea/core/organisation'
import { Type } from '@sinclair/typebox'
import { callerOf } from '../auth.js'
import type { RoutePlugin } from '../route-plugin.js'
import { exportBundle, readableBill, gateBundle } from '@landsea/node'
import type { EmissionsService, NodeLedger, PrivacyGate } from '@landsea/node'
import { CommittedFieldsSchema, errorResponses, IdParams } from '../schemas.js'

/** Dependencies of the bundle route. */
export interface EblBundleRoutesOptions {
  readonly registry: TitleRegistry
  readonly organisations: OrganisationStore
  readonly ledger: NodeLedger
  /** The privacy gate a bundle to an organisation of another jurisdiction passes (docs/privacy.md). */
  readonly privacy?: { readonly gate: PrivacyGate; readonly exporter: string }
  /** When given, the bundle carries the signers' identity evidence (docs/identity.md). */
  readonly identity?: {
    signerEvidence(
      signers: readonly { kid: string; publicJwk: object }[],
      options?: { anchorAuthority?: string },
    ): Promise<readonly unknown[]>
  }
  /** When given, the bundle carries the shipment's emissions claim, if one was issued. */
  readonly emissions?: Pick<EmissionsService, 'claim' | 'bundleClaim'>
}

/**
 * `GET /api/ebl/{id}/bundle`: the bill as one self-contained JSON file anyone can verify offline
 * (`landsea verify`, or the dashboard's verifier). Readable by the same parties as the bill.
 */
export const eblBundleRoutes: RoutePlugin<EblBundleRoutesOptions> = async (
  app,
  { registry, organisations, ledger, identity, privacy, emissions },
) => {
  app.get(
    '/api/ebl/:id/bundle',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['ebl', 'ledger'],
        summary:
          'Export the offline-verifiable bundle: document, signed chain, proofs, checkpoint, keys',
        params: IdParams,
        querystring: Type.Object({
          trustAnchor: Type.Optional(
            Type.String({
              description:
                'DID of the verifier’s trust authority: the identity evidence then carries the trust path from it (default: this node’s)',
            }),
          ),
        }),
        response: {
          200: Type.Object(
            {
              format: Type.Literal('landsea-ebl-bundle/v1'),
              document: Type.Any(),
              actions: Type.Array(
                Type.Object({
                  jws: Type.String(),
                  leafIndex: Type.Integer(),
                  inclusionProof: Type.Array(Type.String()),
                }),
              ),
              checkpoint: Type.String(),
              logKey: Type.String(),
              witnessKeys: Type.Array(Type.String()),
              signers: Type.Array(Type.Object({ kid: Type.String(), publicJwk: Type.Any() })),
              credentials: Type.Array(Type.Any()),
              emissionsClaim: Type.Optional(
                Type.Object(
                  {
                    credential: Type.String(),
                    issuerKey: Type.Any(),
                    events: Type.Array(
                      Type.Object({
                        event: Type.Any(),
                        leafIndex: Type.Integer(),
                        inclusionProof: Type.Array(Type.String()),
                      }),
                    ),
                  },
                  { description: 'The shipment’s verifiable emissions claim (docs/emissions.md)' },
                ),
              ),
              personalData: Type.Optional(
                Type.Object({
                  scheme: Type.Literal('landsea-salted-sha256/v1'),
                  fields: CommittedFieldsSchema,
                }),
              ),
            },
            { description: 'See docs/ledger.md, "The bundle"' },
          ),
          ...errorResponses(401, 404, 451),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const { trustAnchor } = request.query
      // The same readers as GET /api/ebl/{id}.
      const caller = callerOf(request)
      const record = await readableBill(registry, caller, id)
      const bundle = await exportBundle({
        documentId: id,
        registry,
        organisations,
        ledger,
        ...(emissions ? { emissions } : {}),
        ...(identity
          ? {
              identity: {
                signerEvidence: (signers: readonly { kid: string; publicJwk: object }[]) =>
                  identity.signerEvidence(
                    signers,
                    trustAnchor ? { anchorAuthority: trustAnchor } : {},
                  ),
              },
            }
          : {}),
      })
      if (privacy) {
        await gateBundle({ ...privacy, recipient: caller, bundle })
        await privacy.gate.logAccess({
          reader: caller.id,
          what: `${request.method} ${request.url}`,
          payload: bundle,
          recordIds: [`ebl:${id}`],
        })
      }
      return reply
        .header('content-disposition', `attachment; filename="${record.reference}.bundle.json"`)
        .send(bundle)
    },
  )
}

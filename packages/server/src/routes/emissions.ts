import {
  compareRoutes,
  CORRIDOR_ALTERNATIVES,
  EmissionsError,
  emissionsReportCsv,
} from '@landsea/core/emissions'
import type { TitleRegistry } from '@landsea/core/ebl'
import { TrackingError } from '@landsea/core/tracking'
import { shipmentAccessOf, type EmissionsService } from '@landsea/node'
import { Type } from '@sinclair/typebox'
import { callerOf } from '../auth.js'
import type { RoutePlugin } from '../route-plugin.js'
import { errorResponses } from '../schemas.js'

/** Dependencies of the emissions routes. */
export interface EmissionsRoutesOptions {
  readonly emissions: EmissionsService
  /** Bills decide who may see a shipment (see tracking-access.ts). */
  readonly registry: TitleRegistry
}

const KeyParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 100 }) })
const Element = Type.Object({
  element: Type.String(),
  factor: Type.String(),
  activity: Type.Number(),
  activityUnit: Type.String(),
  co2eKg: Type.Number(),
  source: Type.String(),
})
const Gap = Type.Object({
  reason: Type.String({ description: 'no-mode | no-place | no-arrival | no-distance' }),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  distanceKm: Type.Union([Type.Number(), Type.Null()]),
  shareOfDistance: Type.Union([Type.Number(), Type.Null()]),
})
const ClaimSchema = Type.Object({
  id: Type.Optional(Type.String({ description: 'the credential id a green-linked pledge cites' })),
  digest: Type.Optional(
    Type.String({ description: 'SHA-256 (hex) of the vc+jwt, which a green-linked pledge cites' }),
  ),
  shipmentKey: Type.String(),
  credential: Type.String({ description: 'the claim secured as vc+jwt (EdDSA)' }),
  issuerKey: Type.Object({}, { additionalProperties: Type.String() }),
  issuedAt: Type.String({ format: 'date-time' }),
  subject: Type.Object(
    {
      shipmentKey: Type.String(),
      teu: Type.Number(),
      factorTableVersion: Type.String(),
      method: Type.String(),
      co2eKg: Type.Number(),
      tonneKm: Type.Number(),
      distanceKm: Type.Number(),
      co2eKgPerTeuKm: Type.Number(),
      tonneKmByMode: Type.Record(Type.String(), Type.Number()),
      elements: Type.Array(Element),
      gaps: Type.Array(Gap),
      events: Type.Array(Type.Object({ leafIndex: Type.Integer(), leafHash: Type.String() })),
    },
    { additionalProperties: true },
  ),
})
const ReportSchema = Type.Object({
  organisation: Type.String(),
  from: Type.String(),
  to: Type.String(),
  method: Type.String(),
  factorTableVersion: Type.String(),
  shipments: Type.Integer(),
  teu: Type.Number(),
  co2eKg: Type.Number(),
  tonneKm: Type.Number(),
  tonneKmByMode: Type.Record(Type.String(), Type.Number()),
  co2eKgPerTeuKm: Type.Number(),
  shipmentsWithGaps: Type.Integer(),
  factors: Type.Array(
    Type.Object({
      id: Type.String(),
      value: Type.Number(),
      unit: Type.String(),
      source: Type.String(),
    }),
  ),
  rows: Type.Array(
    Type.Object({
      shipmentKey: Type.String(),
      teu: Type.Number(),
      claimed: Type.Boolean(),
      co2eKg: Type.Number(),
      tonneKm: Type.Number(),
      distanceKm: Type.Number(),
      co2eKgPerTeuKm: Type.Number(),
      gaps: Type.Integer(),
    }),
  ),
})

/** Emissions claims, the corridor's alternatives and the per-organisation report (docs/emissions.md). */
export const emissionsRoutes: RoutePlugin<EmissionsRoutesOptions> = async (
  app,
  { emissions, registry },
) => {
  const readable = async (request: Parameters<typeof callerOf>[0], key: string) => {
    const access = await shipmentAccessOf(callerOf(request), registry)
    if (!access.canRead(key)) throw new TrackingError('TRACKING_NOT_FOUND', `no events for ${key}`)
  }

  app.post(
    '/api/shipments/:key/emissions/claim',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['emissions'],
        summary:
          'Issue the verifiable emissions claim (W3C VC, vc+jwt) of a finished shipment, from its ledgered events; once',
        params: KeyParams,
        body: Type.Object(
          {
            teu: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000, default: 2 })),
            tonnes: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ClaimSchema, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const { key } = request.params
      await readable(request, key)
      const { teu = 2, tonnes } = request.body
      return emissions.issueClaim(key, { teu, ...(tonnes !== undefined ? { tonnes } : {}) })
    },
  )

  app.get(
    '/api/shipments/:key/emissions/claim',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['emissions'],
        summary: 'The emissions claim issued for a shipment',
        params: KeyParams,
        response: { 200: ClaimSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { key } = request.params
      await readable(request, key)
      const claim = await emissions.claim(key)
      if (!claim) throw new EmissionsError('EMISSIONS_CLAIM_NOT_FOUND', `no claim for ${key}`)
      return claim
    },
  )

  app.get(
    '/api/emissions/alternatives',
    {
      schema: {
        tags: ['emissions'],
        summary:
          'The same cargo Chongqing → Singapore on the corridor and its alternatives, with transit times',
        querystring: Type.Object(
          { teu: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000, default: 2 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            teu: Type.Number(),
            routes: Type.Array(
              Type.Object({
                name: Type.String(),
                co2eKg: Type.Number(),
                deltaKg: Type.Number(),
                tonneKm: Type.Number(),
                distanceKm: Type.Number(),
                factorTableVersion: Type.String(),
                elements: Type.Array(Element),
                transitDays: Type.Optional(
                  Type.Object({ low: Type.Number(), high: Type.Number(), source: Type.String() }),
                ),
              }),
            ),
          }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => {
      const { teu = 2 } = request.query
      const rows = compareRoutes({ teu }, CORRIDOR_ALTERNATIVES)
      return {
        teu,
        routes: rows.map((r, i) => ({
          ...r,
          ...(CORRIDOR_ALTERNATIVES[i]!.transitDays
            ? { transitDays: CORRIDOR_ALTERNATIVES[i]!.transitDays }
            : {}),
        })),
      }
    },
  )

  app.get(
    '/api/emissions/report',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['emissions'],
        summary:
          "The calling organisation's emissions report over a period (ISO 14083 elements); JSON, or CSV with format=csv",
        querystring: Type.Object(
          {
            from: Type.String({ format: 'date' }),
            to: Type.String({ format: 'date' }),
            format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Union([ReportSchema, Type.String()]),
          ...errorResponses(400, 401),
        },
      },
    },
    async (request, reply) => {
      const { from, to, format = 'json' } = request.query
      const caller = callerOf(request)
      const access = await shipmentAccessOf(caller, registry)
      const report = await emissions.report({
        organisation: caller.id,
        from: new Date(`${from}T00:00:00Z`),
        to: new Date(`${to}T00:00:00Z`),
        canRead: (key) => access.canRead(key),
      })
      if (format === 'csv')
        return reply.type('text/csv; charset=utf-8').send(emissionsReportCsv(report))
      return report
    },
  )
}

import type { TitleRegistry } from '@landsea/core/ebl'
import { toObjectEpcisDocument, TrackingError } from '@landsea/core/tracking'
import { shipmentAccessOf, type TrackingService } from '@landsea/node'
import { Type } from '@sinclair/typebox'
import { callerOf } from '../auth.js'
import type { RoutePlugin } from '../route-plugin.js'
import { errorResponses } from '../schemas.js'

/** Dependencies of the object routes. */
export interface ObjectRoutesOptions {
  readonly tracking: TrackingService
  /** Bills decide who may see an event filed under a bill of lading (see tracking-access.ts). */
  readonly registry: TitleRegistry
}

const ObjectQuery = Type.Object(
  {
    key: Type.String({
      minLength: 1,
      maxLength: 2000,
      description:
        'the object: an EPC URN (urn:epc:id:sgtin:…, urn:epc:id:sscc:…, urn:epc:class:lgtin:…) or a GS1 Digital Link URI on any domain',
    }),
  },
  { additionalProperties: false },
)

const ObjectKeySchema = Type.Object({
  key: Type.String({ description: 'canonical key: GS1 Digital Link on id.gs1.org, or the URI' }),
  scheme: Type.String({
    description: 'sgtin | lgtin | gtin | sscc | sgln | grai | giai | gsrn | gs1 | bic | uri',
  }),
  isClass: Type.Boolean(),
})

/**
 * Events of GS1-keyed objects (SGTIN, SSCC, GRAI, GIAI, GTIN and lot classes) that EPCIS import
 * keeps: by object, as a list with ledger leaves or as an EPCIS 2.0 document. Operators,
 * carriers and customs brokers see every event; other organisations those filed under a bill
 * of lading they are party to.
 */
export const objectRoutes: RoutePlugin<ObjectRoutesOptions> = async (
  app,
  { tracking, registry },
) => {
  async function visible(request: Parameters<typeof callerOf>[0], key: string) {
    const view = await tracking.objectEvents(key)
    const access = await shipmentAccessOf(callerOf(request), registry)
    const events = view.events.filter((e) => access.canRead(e.shipmentKey))
    if (events.length === 0) throw new TrackingError('TRACKING_NOT_FOUND', `no events for ${key}`)
    return { object: view.object, events }
  }

  app.get(
    '/api/objects/events',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['tracking'],
        summary:
          "An object's EPCIS events (any GS1 key form), in event-time order, with their ledger leaves",
        querystring: ObjectQuery,
        response: {
          200: Type.Object({
            object: ObjectKeySchema,
            events: Type.Array(
              Type.Object({
                event: Type.Object(
                  {},
                  { additionalProperties: true, description: 'EPCIS 2.0 event as imported' },
                ),
                leafIndex: Type.Integer(),
              }),
            ),
          }),
          ...errorResponses(400, 401, 404),
        },
      },
    },
    async (request) => {
      const { object, events } = await visible(request, request.query.key)
      return { object, events: events.map(({ event, leafIndex }) => ({ event, leafIndex })) }
    },
  )

  app.get(
    '/api/objects/epcis',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['tracking'],
        summary: "An object's events as an EPCIS 2.0 JSON-LD document (GS1's schema accepts it)",
        querystring: ObjectQuery,
        response: { 200: Type.Any(), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { events } = await visible(request, request.query.key)
      const document = toObjectEpcisDocument(
        events.map((e) => e.event),
        new Date().toISOString(),
      )
      return reply.type('application/ld+json').send(document)
    },
  )
}

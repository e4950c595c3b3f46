import type { TitleRegistry } from '@landsea/core/ebl'
import {
  EVENT_TYPES,
  shipmentKeyOf,
  parseEventBatch,
  toBatchItems,
  toEpcisDocument,
  TrackingError,
  type EventStore,
} from '@landsea/core/tracking'
import { Type } from '@sinclair/typebox'
import { callerOf } from '../auth.js'
import { ApiError } from '../errors.js'
import { shipmentAccessOf } from '@landsea/node'
import { errorResponses } from '../schemas.js'
import type { TrackingService } from '@landsea/node'
import type { RoutePlugin } from '../route-plugin.js'

/** Dependencies of the event routes. */
export interface EventRoutesOptions {
  readonly tracking: TrackingService
  readonly events: EventStore
  /** Bills decide who may see a shipment (see tracking-access.ts). */
  readonly registry: TitleRegistry
}

/** A DCSA T&T 2.2 event (validated by the node, not by the route schema: rejections are per event). */
export const TrackingEventSchema = Type.Object(
  {
    eventID: Type.String({ format: 'uuid' }),
    eventType: Type.Union(EVENT_TYPES.map((t) => Type.Literal(t))),
    eventClassifierCode: Type.String({ description: 'PLN | ACT | EST' }),
    eventDateTime: Type.String({ format: 'date-time' }),
    eventCreatedDateTime: Type.String({ format: 'date-time' }),
  },
  {
    additionalProperties: true,
    description:
      'DCSA Track & Trace 2.2 event (SHIPMENT, TRANSPORT or EQUIPMENT) with the Landsea customsMilestone extension; see docs/tracking.md',
  },
)

const Issue = Type.Object({ path: Type.String(), code: Type.String(), message: Type.String() })
const IngestResponse = Type.Object({
  accepted: Type.Integer({ description: 'events stored and appended to the ledger' }),
  acceptedEvents: Type.Array(Type.Object({ eventID: Type.String(), leafIndex: Type.Integer() })),
  duplicates: Type.Array(Type.String(), {
    description: 'eventIDs already stored with the same content',
  }),
  rejected: Type.Array(
    Type.Object({
      index: Type.Integer({ description: 'position in the batch (line for NDJSON)' }),
      eventID: Type.Optional(Type.String()),
      issues: Type.Array(Issue),
    }),
  ),
  warnings: Type.Array(Type.Object({ eventID: Type.String(), issues: Type.Array(Issue) }), {
    description: 'accepted events with a warning, e.g. a UN/LOCODE outside the location table',
  }),
})

const EventsQuery = Type.Object(
  {
    eventType: Type.Optional(Type.Union(EVENT_TYPES.map((t) => Type.Literal(t)))),
    transportDocumentReference: Type.Optional(Type.String({ maxLength: 100 })),
    equipmentReference: Type.Optional(Type.String({ maxLength: 15 })),
    transportCallID: Type.Optional(Type.String({ maxLength: 100 })),
    UNLocationCode: Type.Optional(Type.String({ pattern: '^[A-Z]{2}[A-Z2-9]{3}$' })),
    transportEventTypeCode: Type.Optional(Type.String({ maxLength: 4 })),
    equipmentEventTypeCode: Type.Optional(Type.String({ maxLength: 4 })),
    shipmentEventTypeCode: Type.Optional(Type.String({ maxLength: 4 })),
    cursor: Type.Optional(
      Type.Integer({ minimum: -1, description: 'leafIndex of the last event seen' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
)

const BATCH_ROLES = ['CARRIER', 'CUSTOMS_BROKER', 'NODE_OPERATOR'] as const

/** An NDJSON request body, kept as text until the batch reader splits it into lines. */
class NdjsonBody {
  readonly text: string
  constructor(text: string) {
    this.text = text
  }
}

/**
 * Tracking events: batch ingestion (JSON array or NDJSON), EPCIS 2.0 import and export, and the
 * T&T 2.2-style event query.
 */
export const eventRoutes: RoutePlugin<EventRoutesOptions> = async (
  app,
  { tracking, events, registry },
) => {
  app.addContentTypeParser(
    ['application/x-ndjson', 'application/jsonl'],
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, new NdjsonBody(body as string))
    },
  )

  app.post(
    '/api/events',
    {
      config: { auth: BATCH_ROLES },
      schema: {
        tags: ['tracking'],
        summary: 'Ingest a batch of T&T 2.2 events (JSON array, or NDJSON as application/x-ndjson)',
        description:
          'Every event is validated; valid ones are stored and appended to the ledger, rejected ones come back with their reasons. Idempotent by eventID.',
        body: Type.Any({
          description:
            'A JSON array of TrackingEvent, or (Content-Type application/x-ndjson) one event per line',
        }),
        response: { 200: IngestResponse, ...errorResponses(400, 401, 403, 413) },
      },
    },
    async (request) => {
      const body: unknown = request.body
      if (body instanceof NdjsonBody) return tracking.ingest(parseEventBatch(body.text))
      if (!Array.isArray(body)) {
        throw new TrackingError(
          'TRACKING_BATCH_MALFORMED',
          'a batch is a JSON array of events, or NDJSON sent as application/x-ndjson',
        )
      }
      return tracking.ingest(toBatchItems(body))
    },
  )

  app.post(
    '/api/events/epcis',
    {
      config: { auth: BATCH_ROLES },
      schema: {
        tags: ['tracking'],
        summary:
          'Import an EPCIS 2.0 JSON-LD document: container events as T&T events, events of GS1-keyed objects (SGTIN, SSCC, …) as EPCIS events of those objects',
        body: Type.Object({ epcisBody: Type.Any() }, { additionalProperties: true }),
        response: { 200: IngestResponse, ...errorResponses(400, 401, 403, 413, 422) },
      },
    },
    async (request) => tracking.ingestEpcis(request.body),
  )

  app.get(
    '/api/events',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['tracking'],
        summary: 'Query events (T&T 2.2 GET /v2/events filters), in arrival order with a cursor',
        querystring: EventsQuery,
        response: {
          200: Type.Object({
            events: Type.Array(TrackingEventSchema),
            nextCursor: Type.Optional(Type.Integer()),
          }),
          ...errorResponses(400, 401),
        },
      },
    },
    async (request) => {
      const q = request.query
      const access = await shipmentAccessOf(callerOf(request), registry)
      if (!access.canRead(q.transportDocumentReference)) {
        throw new ApiError(
          'AUTH_FORBIDDEN',
          'filter by the transportDocumentReference of a bill you are party to',
        )
      }
      const typeCode =
        q.transportEventTypeCode ?? q.equipmentEventTypeCode ?? q.shipmentEventTypeCode
      const limit = q.limit ?? 100
      const page = await events.listEvents({
        ...(q.eventType ? { eventType: q.eventType } : {}),
        ...(q.transportDocumentReference ? { shipmentKey: q.transportDocumentReference } : {}),
        ...(q.equipmentReference ? { equipmentReference: q.equipmentReference } : {}),
        ...(q.transportCallID ? { transportCallID: q.transportCallID } : {}),
        ...(q.UNLocationCode ? { UNLocationCode: q.UNLocationCode } : {}),
        ...(typeCode ? { typeCode } : {}),
        ...(q.cursor !== undefined ? { afterLeafIndex: q.cursor } : {}),
        limit,
      })
      return {
        events: page.map((s) => s.event),
        ...(page.length === limit ? { nextCursor: page.at(-1)!.leafIndex } : {}),
      }
    },
  )

  app.get(
    '/api/events/:eventID',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['tracking'],
        summary: 'One event and the index of its ledger leaf',
        params: Type.Object({ eventID: Type.String({ maxLength: 64 }) }),
        response: {
          200: Type.Object({ event: TrackingEventSchema, leafIndex: Type.Integer() }),
          ...errorResponses(401, 404),
        },
      },
    },
    async (request) => {
      const { eventID } = request.params
      const stored = await events.getEvent(eventID)
      const access = await shipmentAccessOf(callerOf(request), registry)
      if (!stored || !access.canRead(shipmentKeyOf(stored.event)))
        throw new TrackingError('TRACKING_NOT_FOUND', `no event ${eventID}`)
      return stored
    },
  )

  app.get(
    '/api/shipments/:key/epcis',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['tracking'],
        summary: "A shipment's actual events as an EPCIS 2.0 JSON-LD document",
        params: Type.Object({ key: Type.String({ maxLength: 100 }) }),
        response: { 200: Type.Any(), ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const { key: shipmentKey } = request.params
      const access = await shipmentAccessOf(callerOf(request), registry)
      const stored = access.canRead(shipmentKey) ? await events.eventsOfShipment(shipmentKey) : []
      if (stored.length === 0)
        throw new TrackingError('TRACKING_NOT_FOUND', `no events for ${shipmentKey}`)
      const doc = toEpcisDocument(
        stored.map((s) => s.event),
        new Date().toISOString(),
      )
      return reply.type('application/ld+json').send(doc)
    },
  )
}

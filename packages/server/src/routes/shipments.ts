import type { TitleRegistry } from '@landsea/core/ebl'
import { shipmentKeyOf, TrackingError, type EventStore } from '@landsea/core/tracking'
import type { Organisation } from '@landsea/core/organisation'
import { Type } from '@sinclair/typebox'
import { callerOf } from '../auth.js'
import type { RoutePlugin } from '../route-plugin.js'
import { errorResponses } from '../schemas.js'
import { shipmentAccessOf } from '@landsea/node'
import type { TrackingService } from '@landsea/node'
import { gatedRead, type ReadPrivacy } from '../privacy-read.js'
import { TrackingEventSchema } from './events.js'

/** Dependencies of the shipment and container routes. */
export interface ShipmentRoutesOptions {
  readonly tracking: TrackingService
  readonly events: EventStore
  /** Bills decide who may see a shipment (see tracking-access.ts). */
  readonly registry: TitleRegistry
  /** The privacy gate the timelines pass: a reader of another jurisdiction is a crossing. */
  readonly privacy?: ReadPrivacy
}

const Quantiles = {
  p10: Type.String({ format: 'date-time' }),
  p50: Type.String({ format: 'date-time' }),
  p90: Type.String({ format: 'date-time' }),
}
const MilestoneEta = Type.Object({
  typeCode: Type.String(),
  UNLocationCode: Type.String(),
  modeOfTransport: Type.Optional(Type.String()),
  basis: Type.String({ description: 'model | schedule' }),
  ...Quantiles,
})
const EtaSchema = Type.Object({
  shipmentKey: Type.String(),
  predictedAt: Type.String({ format: 'date-time' }),
  milestones: Type.Array(MilestoneEta),
  finalArrival: Type.Optional(MilestoneEta),
  calibration: Type.Optional(
    Type.Object(
      {
        scale: Type.Number({ description: 'multiplier on the P10/P90 distances from P50' }),
        basis: Type.Union(
          [
            Type.Literal('route'),
            Type.Literal('anchor'),
            Type.Literal('all'),
            Type.Literal('none'),
          ],
          {
            description:
              'the scores the scale came from: the route and horizon, the anchor over routes, all, or none (raw band)',
          },
        ),
        lowerFactor: Type.Optional(
          Type.Number({
            description:
              "the adaptive level's factor on the P10 distance, on top of scale (absent: 1)",
          }),
        ),
        upperFactor: Type.Optional(
          Type.Number({
            description:
              "the adaptive level's factor on the P90 distance, on top of scale (absent: 1)",
          }),
        ),
      },
      {
        description: "rolling calibration of the band from the node's recently completed journeys",
      },
    ),
  ),
})
const MilestoneSchema = Type.Object(
  {
    key: Type.String(),
    eventType: Type.String(),
    typeCode: Type.String(),
    UNLocationCode: Type.Optional(Type.String()),
    transportCallID: Type.Optional(Type.String()),
    transportCallSequenceNumber: Type.Optional(Type.Integer()),
    modeOfTransport: Type.Optional(Type.String()),
    equipmentReference: Type.Optional(Type.String()),
    plannedAt: Type.Optional(Type.String()),
    estimatedAt: Type.Optional(Type.String()),
    actualAt: Type.Optional(Type.String()),
    delayHours: Type.Optional(Type.Number()),
  },
  { additionalProperties: true },
)
const TimelineSchema = Type.Object(
  {
    milestones: Type.Array(MilestoneSchema),
    eventCount: Type.Integer(),
    lastActualEventAt: Type.Optional(Type.String()),
    lastKnownUNLocationCode: Type.Optional(Type.String()),
    currentLeg: Type.Optional(
      Type.Object(
        {
          fromUNLocationCode: Type.Optional(Type.String()),
          toUNLocationCode: Type.Optional(Type.String()),
          modeOfTransport: Type.Optional(Type.String()),
          departedAt: Type.String(),
          expectedArrivalAt: Type.Optional(Type.String()),
        },
        { additionalProperties: true },
      ),
    ),
    position: Type.Optional(
      Type.Object(
        {
          longitude: Type.Number(),
          latitude: Type.Number(),
          basis: Type.String({ description: 'at-location | interpolated' }),
          UNLocationCode: Type.Optional(Type.String()),
        },
        { additionalProperties: true },
      ),
    ),
    customs: Type.Object(
      {
        status: Type.String(),
        declarations: Type.Array(
          Type.Object({
            declarationNumber: Type.String(),
            authority: Type.String(),
            milestoneCode: Type.String(),
            at: Type.String(),
          }),
        ),
      },
      { additionalProperties: true },
    ),
    delayHours: Type.Number(),
  },
  { additionalProperties: true },
)
const TimelineView = Type.Object({
  key: Type.String(),
  timeline: TimelineSchema,
  eta: Type.Optional(EtaSchema),
  events: Type.Optional(Type.Array(TrackingEventSchema)),
})
const KeyParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 100 }) })
const ViewQuery = Type.Object(
  { events: Type.Optional(Type.Boolean({ description: 'include the raw events' })) },
  { additionalProperties: false },
)

/** Shipment and container timelines, ETA and ledger proofs. */
export const shipmentRoutes: RoutePlugin<ShipmentRoutesOptions> = async (
  app,
  { tracking, events, registry, privacy },
) => {
  /** A check that the caller may see the shipment (404 otherwise, like a missing one). */
  const readable = async (org: Organisation, key: string) => {
    const access = await shipmentAccessOf(org, registry)
    if (!access.canRead(key)) throw new TrackingError('TRACKING_NOT_FOUND', `no events for ${key}`)
  }

  app.get(
    '/api/shipments',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['tracking'],
        summary: 'Shipments (by transport document reference) with events, latest first',
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                shipmentKey: Type.String(),
                eventCount: Type.Integer(),
                firstEventAt: Type.String(),
                lastEventAt: Type.String(),
              }),
            ),
          }),
          ...errorResponses(401),
        },
      },
    },
    async (request) => {
      const { limit } = request.query
      const access = await shipmentAccessOf(callerOf(request), registry)
      return {
        items: await events.listShipments({
          ...(limit ? { limit } : {}),
          ...(access.isWide ? {} : { shipmentKeys: [...access.keys] }),
        }),
      }
    },
  )

  const viewRoute = (path: string, summary: string, kind: 'shipment' | 'container') =>
    app.get(
      path,
      {
        config: { auth: 'organisation' },
        schema: {
          tags: ['tracking'],
          summary,
          params: KeyParams,
          querystring: ViewQuery,
          response: { 200: TimelineView, ...errorResponses(401, 404, 451) },
        },
      },
      async (request) => {
        const { key } = request.params
        const { events: withEvents } = request.query
        let view
        if (kind === 'shipment') {
          await readable(callerOf(request), key)
          view = await tracking.shipmentTimeline(key)
        } else {
          const access = await shipmentAccessOf(callerOf(request), registry)
          // A container carries many shipments over its life: show the caller only its own.
          view = await tracking.containerTimeline(key, (e) => access.canRead(shipmentKeyOf(e)))
        }
        const { events: raw, eta, ...rest } = view
        return gatedRead(privacy, request, {
          purpose: 'tracking',
          payload: { ...rest, ...(eta ? { eta } : {}), ...(withEvents ? { events: raw } : {}) },
          recordIds: [`${kind}:${key}`],
        })
      },
    )
  viewRoute(
    '/api/shipments/:key/timeline',
    'Shipment timeline: planned/estimated/actual per milestone, current leg, position, customs, delay, ETA',
    'shipment',
  )
  viewRoute('/api/containers/:key/timeline', 'Container timeline (by ISO 6346 number)', 'container')

  app.get(
    '/api/shipments/:key/eta',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['tracking'],
        summary: 'P10/P50/P90 for every remaining milestone and the final arrival',
        params: KeyParams,
        response: { 200: EtaSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { key } = request.params
      await readable(callerOf(request), key)
      return (await tracking.shipmentTimeline(key)).eta
    },
  )

  app.get(
    '/api/shipments/:key/proofs',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['tracking'],
        summary: "The shipment's events with RFC 9162 inclusion proofs in the node's ledger",
        params: KeyParams,
        response: {
          200: Type.Object({
            shipmentKey: Type.String(),
            treeSize: Type.Integer(),
            rootHash: Type.String(),
            checkpoint: Type.Optional(Type.String({ description: 'signed note (C2SP)' })),
            events: Type.Array(
              Type.Object({
                event: TrackingEventSchema,
                leafIndex: Type.Integer(),
                leafHash: Type.String(),
                inclusionProof: Type.Array(Type.String()),
              }),
            ),
          }),
          ...errorResponses(401, 404),
        },
      },
    },
    async (request) => {
      const { key } = request.params
      await readable(callerOf(request), key)
      return tracking.shipmentProofs(key)
    },
  )

  app.get(
    '/api/shipments/:key/emissions',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['tracking'],
        summary:
          'GLEC v3 / ISO 14083 well-to-wheel emissions of the shipment route, per leg and terminal',
        params: KeyParams,
        querystring: Type.Object(
          {
            teu: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000, default: 2 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            shipmentKey: Type.String(),
            teu: Type.Number(),
            factorTableVersion: Type.String(),
            co2eKg: Type.Number(),
            tonneKm: Type.Number(),
            tonneKmByMode: Type.Record(Type.String(), Type.Number()),
            distanceKm: Type.Number(),
            gaps: Type.Array(
              Type.Object({
                reason: Type.String({
                  description: 'no-mode | no-place | no-arrival | no-distance',
                }),
                from: Type.Optional(Type.String()),
                to: Type.Optional(Type.String()),
                distanceKm: Type.Union([Type.Number(), Type.Null()]),
                shareOfDistance: Type.Union([Type.Number(), Type.Null()]),
              }),
            ),
            elements: Type.Array(
              Type.Object({
                element: Type.String(),
                factor: Type.String(),
                activity: Type.Number(),
                activityUnit: Type.String(),
                co2eKg: Type.Number(),
                source: Type.String(),
              }),
            ),
          }),
          ...errorResponses(401, 404),
        },
      },
    },
    async (request) => {
      const { key } = request.params
      const { teu = 2 } = request.query
      await readable(callerOf(request), key)
      return { shipmentKey: key, teu, ...(await tracking.shipmentEmissions(key, { teu })) }
    },
  )
}

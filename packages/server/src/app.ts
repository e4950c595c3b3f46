import { randomUUID } from 'node:crypto'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { LandseaNode } from '@landsea/node'
import Fastify, { type FastifyInstance } from 'fastify'
import { installAuthentication } from './auth.js'
import { installErrorHandler } from './errors.js'
import { dashboardRoutes } from './routes/dashboard.js'
import { eblBundleRoutes } from './routes/ebl-bundle.js'
import { eblRoutes } from './routes/ebl.js'
import { emissionsRoutes } from './routes/emissions.js'
import { eventRoutes } from './routes/events.js'
import { objectRoutes } from './routes/objects.js'
import { ledgerRoutes } from './routes/ledger.js'
import { nodeInfoRoutes } from './routes/node-info.js'
import { organisationRoutes } from './routes/organisations.js'
import { privacyRoutes } from './routes/privacy.js'
import { shipmentRoutes } from './routes/shipments.js'
import { subscriptionRoutes } from './routes/subscriptions.js'
import { witnessRoutes } from './routes/witness.js'
import { credentialRoutes } from './routes/credentials.js'
import { identityRoutes } from './routes/identity.js'
import { trustRoutes } from './routes/trust.js'
import { pintRoutes } from './routes/pint.js'
import { pintAdminRoutes } from './routes/pint-admin.js'
import { SHARED_SCHEMAS } from './schemas.js'
import { installFiniteQueryNumbers } from './finite-query-numbers.js'
import {
  DEFAULT_OUTBOUND_RATE_LIMIT,
  installRateLimits,
  type OutboundRateLimit,
} from './rate-limits.js'
import { installResponseHeaders } from './response-headers.js'
import { installStrictJsonBody } from './strict-json-body.js'

/** What {@link buildApp} needs. */
export interface AppDependencies {
  readonly node: LandseaNode
  /**
   * Fastify's (pino) request log on/off (off in tests and benchmarks). Errors are logged either
   * way: with it off, at level `error` only, to stderr.
   */
  readonly logger?: boolean
  /** The limit per caller on routes that cost the node an outbound request (docs/deploy.md). */
  readonly outboundLimit?: OutboundRateLimit
}

/**
 * Builds the HTTP API of a node without listening: OpenAPI 3.1 at /openapi.json, docs at /docs, the routes of
 * every area. Tests drive it with `app.inject()`; main.ts listens.
 */
export async function buildApp({
  node,
  logger = false,
  outboundLimit = DEFAULT_OUTBOUND_RATE_LIMIT,
}: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? true : { level: 'error', stream: process.stderr },
    genReqId: () => randomUUID(),
    bodyLimit: 10 * 1024 * 1024,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  })
  installErrorHandler(app)
  installAuthentication(app, node.organisations)
  installStrictJsonBody(app)
  installResponseHeaders(app)
  installFiniteQueryNumbers(app)
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema)
  await installRateLimits(app)

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Landsea node API',
        description:
          'The digital side of the New International Land-Sea Trade Corridor: multimodal eBL title registry (DCSA eBL 3.0), tamper-evident ledger, identity, visibility.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'Organisation API key' },
        },
      },
    },
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`),
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  await app.register(nodeInfoRoutes, { identity: node.identity, dialect: node.dialect })
  await app.register(organisationRoutes, { organisations: node.organisations })
  const { identityService: identity, organisations, registry, ledger, tracking } = node
  await app.register(credentialRoutes, { identity, outboundLimit })
  await app.register(identityRoutes, { identity, organisations, outboundLimit })
  await app.register(trustRoutes, { identity })
  await app.register(eblRoutes, {
    registry,
    emissions: node.emissions,
    privacy: { gate: node.privacy },
  })
  await app.register(eblBundleRoutes, {
    registry,
    organisations,
    ledger,
    identity,
    privacy: { gate: node.privacy, exporter: node.identity.name },
    emissions: node.emissions,
  })
  await app.register(ledgerRoutes, { ledger, registry })
  await app.register(witnessRoutes, {
    witness: () => ledger.witness(),
    listEvidence: () => ledger.evidence(),
  })
  const events = tracking.events
  await app.register(eventRoutes, { tracking, events, registry })
  await app.register(objectRoutes, { tracking, registry })
  await app.register(shipmentRoutes, {
    tracking,
    events,
    registry,
    privacy: { gate: node.privacy },
  })
  await app.register(emissionsRoutes, { emissions: node.emissions, registry })
  await app.register(subscriptionRoutes, { subscriptions: node.subscriptions, registry })
  await app.register(privacyRoutes, { gate: node.privacy, rights: node.privacyRights, ledger })
  // Last: its index.html fallback answers GET paths no API route claimed.
  await app.register(pintRoutes, { pint: node.pint })
  await app.register(pintAdminRoutes, { pint: node.pint, registry })
  await app.register(dashboardRoutes, {})
  return app
}

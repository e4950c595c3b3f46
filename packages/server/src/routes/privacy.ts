import type { PrivacyGate, SubjectRights } from '@landsea/node'
import { Type } from '@sinclair/typebox'
import { transferReportCsv } from '@landsea/core/privacy'
import type { RoutePlugin } from '../route-plugin.js'
import { errorResponses } from '../schemas.js'

/** Dependencies of the privacy routes. */
export interface PrivacyRoutesOptions {
  readonly gate: PrivacyGate
  readonly rights: SubjectRights
  readonly ledger: { checkpoint(options?: { minTreeSize?: number }): Promise<{ treeSize: number }> }
}

const Year = Type.Integer({ minimum: 2000, maximum: 9999 })

/**
 * The operator's privacy API (docs/privacy.md): the node's policy, the transfer register checked
 * against the ledger, the yearly report and subject access. Operator only.
 */
export const privacyRoutes: RoutePlugin<PrivacyRoutesOptions> = async (
  app,
  { gate, rights, ledger },
) => {
  app.get(
    '/api/privacy/policy',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['privacy'],
        summary:
          'The node’s cross-border privacy policy: jurisdiction, thresholds, bases, recipients',
        response: {
          200: Type.Any({ description: 'PrivacyPolicy, docs/privacy.md' }),
          ...errorResponses(401, 403),
        },
      },
    },
    async () => gate.policy(),
  )

  app.put(
    '/api/privacy/policy',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['privacy'],
        summary:
          'Replace the policy; an unknown jurisdiction or a malformed field is refused with its path',
        body: Type.Object({}, { additionalProperties: true }),
        response: { 200: Type.Any(), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => gate.setPolicy(request.body),
  )

  app.get(
    '/api/privacy/register',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['privacy'],
        summary:
          'The transfer register: every cross-border transfer of personal data, each a ledger leaf, verified against a checkpoint',
        querystring: Type.Object({ year: Type.Optional(Year) }),
        response: {
          200: Type.Object({
            treeSize: Type.Integer(),
            failed: Type.Array(Type.Integer(), { description: 'leaf indices that do not verify' }),
            entries: Type.Array(Type.Object({ leafIndex: Type.Integer(), record: Type.Any() })),
          }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => {
      const { year } = request.query
      const entries = await gate.register.list()
      const { treeSize } = await ledger.checkpoint({
        minTreeSize: Math.max(0, ...entries.map((e) => e.leafIndex + 1)),
      })
      const failed = await gate.register.verify(treeSize)
      return {
        treeSize,
        failed: failed.map((e) => e.leafIndex),
        entries: entries.filter(
          (e) => year === undefined || e.record.recordedAt.startsWith(`${year}-`),
        ),
      }
    },
  )

  app.get(
    '/api/privacy/report',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['privacy'],
        summary:
          'Yearly report per exporter and recipient country: subjects, categories, bases, threshold position',
        querystring: Type.Object({
          year: Year,
          format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
        }),
        response: {
          200: Type.Union([
            Type.Object({ year: Type.Integer(), rows: Type.Array(Type.Any()) }),
            Type.String({ description: 'format=csv: text/csv, RFC 4180' }),
          ]),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const { year, format = 'json' } = request.query
      const rows = await gate.report(year)
      if (format === 'csv')
        return reply.type('text/csv; charset=utf-8').send(transferReportCsv(rows))
      return { year, rows }
    },
  )

  const Identifier = Type.Object(
    { identifier: Type.String({ minLength: 3, maxLength: 320 }) },
    { additionalProperties: false },
  )
  const Erasure = Type.Object({
    subjectHash: Type.String(),
    requestedAt: Type.String(),
    dueAt: Type.String(),
    rule: Type.Union([Type.String(), Type.Null()]),
    status: Type.String({ description: 'pending | done' }),
    erasedAt: Type.Union([Type.String(), Type.Null()]),
  })
  const AccessEntry = Type.Object({
    at: Type.String(),
    reader: Type.String(),
    what: Type.String(),
    recordIds: Type.Array(Type.String()),
    subjectHashes: Type.Array(Type.String()),
  })

  app.post(
    '/api/privacy/subject-access',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['privacy'],
        summary:
          'Subject access: every record, transfer and read of a person, found by the keyed hash of an e-mail or phone number',
        body: Identifier,
        response: {
          200: Type.Object({
            subjectHash: Type.String(),
            records: Type.Array(
              Type.Object({
                kind: Type.String(),
                id: Type.String(),
                reference: Type.String(),
                fields: Type.Array(
                  Type.Object({
                    path: Type.String(),
                    value: Type.Union([Type.String(), Type.Null()], {
                      description: 'null once erased',
                    }),
                    commitment: Type.String(),
                  }),
                ),
              }),
            ),
            transfers: Type.Array(Type.Object({ leafIndex: Type.Integer(), record: Type.Any() })),
            reads: Type.Array(AccessEntry),
            erasure: Type.Union([Erasure, Type.Null()]),
            noPersonalFields: Type.Array(Type.String()),
          }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => rights.access(request.body.identifier),
  )

  app.post(
    '/api/privacy/erasures',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['privacy'],
        summary:
          'Erase a person by crypto-shredding (destroys their key); refused with PRIVACY_RETENTION_ACTIVE while a retention rule runs, and scheduled for its end',
        body: Identifier,
        response: { 200: Erasure, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => rights.erase(request.body.identifier),
  )

  app.get(
    '/api/privacy/erasures',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['privacy'],
        summary: 'Erasure requests: done, or pending until their retention rule ends',
        response: { 200: Type.Object({ items: Type.Array(Erasure) }), ...errorResponses(401, 403) },
      },
    },
    async () => ({ items: await rights.erasures() }),
  )

  app.post(
    '/api/privacy/erasures/apply-due',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['privacy'],
        summary: 'Apply the pending erasures whose retention has ended (also a background job)',
        response: { 200: Type.Object({ items: Type.Array(Erasure) }), ...errorResponses(401, 403) },
      },
    },
    async () => ({ items: await rights.eraseDue() }),
  )

  app.get(
    '/api/privacy/access-log',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['privacy'],
        summary: 'The access log: who read personal data through the API, what and when',
        querystring: Type.Object({ year: Type.Optional(Year) }),
        response: {
          200: Type.Object({ items: Type.Array(AccessEntry) }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => ({
      items: await gate.accessLog(
        request.query.year === undefined ? {} : { year: request.query.year },
      ),
    }),
  )
}

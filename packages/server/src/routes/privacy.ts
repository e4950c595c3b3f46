import type { PrivacyGate } from '@landsea/node'
import { Type } from '@sinclair/typebox'
import { transferReportCsv } from '@landsea/core/privacy'
import type { RoutePlugin } from '../route-plugin.js'
import { errorResponses } from '../schemas.js'

/** Dependencies of the privacy routes. */
export interface PrivacyRoutesOptions {
  readonly gate: PrivacyGate
  readonly ledger: { checkpoint(options?: { minTreeSize?: number }): Promise<{ treeSize: number }> }
}

const Year = Type.Integer({ minimum: 2000, maximum: 9999 })

/**
 * The operator's privacy API (docs/privacy.md): the node's policy, the transfer register checked
 * against the ledger, the yearly report and subject access. Operator only.
 */
export const privacyRoutes: RoutePlugin<PrivacyRoutesOptions> = async (app, { gate, ledger }) => {
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

  app.post(
    '/api/privacy/subject-access',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['privacy'],
        summary:
          'Subject access: the transfers of a person, found by the keyed hash of an e-mail or phone number',
        body: Type.Object(
          { identifier: Type.String({ minLength: 3, maxLength: 320 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            subjectHash: Type.String(),
            transfers: Type.Array(Type.Object({ leafIndex: Type.Integer(), record: Type.Any() })),
          }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const subjectHash = await gate.subjectHash(request.body.identifier)
      const transfers = (await gate.register.list()).filter((e) =>
        e.record.subjectHashes.includes(subjectHash),
      )
      return { subjectHash, transfers }
    },
  )
}

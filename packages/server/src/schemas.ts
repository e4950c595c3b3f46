import { Type, type TSchema } from '@sinclair/typebox'

/** `{ error: { code, message, issues? } }`. */
export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable error code, e.g. EBL_CONFLICT' }),
      message: Type.String(),
      issues: Type.Optional(
        Type.Array(
          Type.Object({
            path: Type.String(),
            code: Type.String(),
            message: Type.String(),
            schemaPath: Type.Optional(
              Type.String({ description: "The rule's place in the standard's own schema" }),
            ),
          }),
        ),
      ),
    }),
  },
  { $id: 'Error' },
)

/** The error responses a route documents, by status. */
export function errorResponses(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, Type.Ref('Error')]))
}

/** The bearer API key security requirement for OpenAPI. */
export const bearerAuth = [{ apiKey: [] }]

/** A UUID path parameter. */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })

/** Title state (see core/ebl TitleState). */
export const TitleStateSchema = Type.Object(
  {
    status: Type.String(),
    issuer: Type.String(),
    isToOrder: Type.Boolean(),
    possessor: Type.String(),
    holder: Type.Union([Type.String(), Type.Null()]),
    isBlankEndorsed: Type.Boolean(),
    canHolderEndorse: Type.Boolean(),
    shipper: Type.Union([Type.String(), Type.Null()]),
    namedConsignee: Type.Union([Type.String(), Type.Null()]),
    pledgedBy: Type.Union([Type.String(), Type.Null()]),
    surrenderedBy: Type.Union([Type.String(), Type.Null()]),
    surrenderReasonCode: Type.Union([Type.String(), Type.Null()]),
    isSwitchedToPaper: Type.Boolean(),
    sequence: Type.Integer(),
  },
  { $id: 'TitleState' },
)

/** A bill on the registry. */
/** A document's committed personal fields (docs/privacy.md, crypto-shredding). */
export const CommittedFieldsSchema = Type.Array(
  Type.Object({
    path: Type.String(),
    salt: Type.Optional(Type.String()),
    commitment: Type.Optional(Type.String()),
  }),
  {
    description:
      'Committed personal fields (docs/privacy.md): the document checksum is over the document with each replaced by its commitment; a salt while disclosed, the commitment alone once erased',
  },
)

export const EblRecordSchema = Type.Object(
  {
    id: Type.String(),
    reference: Type.String(),
    version: Type.Integer(),
    document: Type.Any({
      description: 'DCSA eBL 3.0.3 TransportDocument (+ landseaRailLeg extension)',
    }),
    documentChecksum: Type.String(),
    personal: Type.Optional(CommittedFieldsSchema),
    state: Type.Ref('TitleState'),
    lastEntryChecksum: Type.Union([Type.String(), Type.Null()]),
    amendsId: Type.Union([Type.String(), Type.Null()]),
    amendedById: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'EblRecord' },
)

/** An accepted signed action. */
export const EntrySchema = Type.Object(
  {
    seq: Type.Integer(),
    entryChecksum: Type.String(),
    previousEntryChecksum: Type.Union([Type.String(), Type.Null()]),
    jws: Type.String({ description: 'Compact JWS over the RFC 8785 JSON of the payload' }),
    payload: Type.Any(),
    signerKid: Type.String(),
    acceptedAt: Type.String(),
  },
  { $id: 'Entry' },
)

/** An organisation's public key. */
export const PublicKeySchema = Type.Object({
  kid: Type.String(),
  alg: Type.String(),
  publicJwk: Type.Any(),
  isActive: Type.Optional(Type.Boolean()),
  isCustodial: Type.Optional(Type.Boolean()),
  createdAt: Type.Optional(Type.String()),
})

/** An organisation as the API shows it. */
export const OrganisationSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    nameZh: Type.Union([Type.String(), Type.Null()]),
    country: Type.String(),
    roles: Type.Array(Type.String()),
    identifiers: Type.Array(Type.Object({ scheme: Type.String(), value: Type.String() })),
    did: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    keys: Type.Optional(Type.Array(PublicKeySchema)),
  },
  { $id: 'Organisation', additionalProperties: true },
)

/** Shared schemas registered once with `app.addSchema`. */
export const SHARED_SCHEMAS = [
  ErrorSchema,
  TitleStateSchema,
  EblRecordSchema,
  EntrySchema,
  OrganisationSchema,
]

import type { PublicSigningKey, SigningAlgorithm } from '@landsea/core/crypto'
import type { Organisation, OrganisationStore } from '@landsea/core/organisation'
import type { SecretCipher } from '@landsea/core/settings'
import { CLEAR } from './secrets-at-rest.js'
import { sql, type Kysely, type Selectable } from 'kysely'
import type { OrganisationTable, Schema } from './schema.js'
import { precompiledQuery } from './precompiled-query.js'

const MAX_CACHED_CALLERS = 10_000

/** The database implementation of {@link OrganisationStore}. */
export function createOrganisationStore(
  db: Kysely<Schema>,
  { cipher = CLEAR }: { cipher?: SecretCipher } = {},
): OrganisationStore {
  const keyRow = (organisationId: string, kid: string) =>
    db
      .selectFrom('organisation_keys')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('kid', '=', kid)
      .executeTakeFirst()

  // Keys are immutable once stored (kid is the JWK thumbprint) and organisations are never deleted, so
  // lookups are cached per process; returning the same JWK object lets the JWS layer reuse imported keys.
  const publicKeys = new Map<string, PublicSigningKey>()
  const knownOrganisations = new Set<string>()
  // API keys are never reissued and the columns an Organisation is read from never change after
  // creation (verification lives in its own columns), so the caller of a key is cached too.
  const callers = new Map<string, Organisation>()
  // For the same reason an organisation found by id is kept (a miss is not: it may be created by
  // another process). Every PINT transfer names its parties, and their bill's bundle its signers.
  const byId = new Map<string, Organisation>()
  // Identifiers never change either: an organisation found by one is kept (a miss is not).
  const byIdentifier = new Map<string, Organisation>()
  const withValue = precompiledQuery(db, (pattern: string) =>
    db
      .selectFrom('organisations')
      .select(ORGANISATION_COLUMNS)
      .where(sql<boolean>`identifiers like ${pattern} escape '\\'`)
      .orderBy('created_at')
      .orderBy('id'),
  )
  const all = precompiledQuery(db, () =>
    db.selectFrom('organisations').select(ORGANISATION_COLUMNS).orderBy('created_at').orderBy('id'),
  )

  return {
    async create(org, apiKeyHash) {
      await db
        .insertInto('organisations')
        .values({
          id: org.id,
          name: org.name,
          name_zh: org.nameZh,
          country: org.country,
          roles: JSON.stringify(org.roles),
          identifiers: JSON.stringify(org.identifiers),
          did: org.did,
          api_key_hash: apiKeyHash,
          created_at: org.createdAt,
        })
        .execute()
    },
    async getById(id) {
      const cached = byId.get(id)
      if (cached) return cached
      const row = await db
        .selectFrom('organisations')
        .select(ORGANISATION_COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst()
      if (!row) return undefined
      const org = toOrganisation(row)
      if (byId.size >= MAX_CACHED_CALLERS) byId.clear()
      byId.set(id, org)
      return org
    },
    async list() {
      return (await all.run()).map(toOrganisation)
    },
    async findByIdentifier(identifier) {
      const key = `${identifier.scheme}\n${identifier.value}`
      const cached = byIdentifier.get(key)
      if (cached) return cached
      // The identifiers are stored as JSON text: the rows whose text holds the value, then exactly.
      const pattern = `%"value":${JSON.stringify(identifier.value).replace(/[\\%_]/g, '\\$&')}%`
      const org = (await withValue.run(pattern))
        .map(toOrganisation)
        .find((o) =>
          o.identifiers.some((i) => i.scheme === identifier.scheme && i.value === identifier.value),
        )
      if (!org) return undefined
      if (byIdentifier.size >= MAX_CACHED_CALLERS) byIdentifier.clear()
      byIdentifier.set(key, org)
      return org
    },
    async findByApiKeyHash(hash) {
      const cached = callers.get(hash)
      if (cached) return cached
      const row = await db
        .selectFrom('organisations')
        .selectAll()
        .where('api_key_hash', '=', hash)
        .executeTakeFirst()
      if (!row) return undefined
      const org = toOrganisation(row)
      if (callers.size >= MAX_CACHED_CALLERS) callers.clear()
      callers.set(hash, org)
      return org
    },
    async addKey(organisationId, key, { makeActive = true } = {}) {
      const now = new Date().toISOString()
      await db.transaction().execute(async (trx) => {
        if (makeActive) {
          await trx
            .updateTable('organisation_keys')
            .set({ is_active: 0, retired_at: now })
            .where('organisation_id', '=', organisationId)
            .where('is_active', '=', 1)
            .execute()
        }
        await trx
          .insertInto('organisation_keys')
          .values({
            organisation_id: organisationId,
            kid: key.kid,
            alg: key.alg,
            public_jwk: JSON.stringify(key.publicJwk),
            private_jwk: 'privateJwk' in key ? cipher.seal(JSON.stringify(key.privateJwk)) : null,
            is_active: makeActive ? 1 : 0,
            created_at: now,
            retired_at: null,
          })
          .execute()
      })
    },
    async listKeys(organisationId) {
      const rows = await db
        .selectFrom('organisation_keys')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .orderBy('created_at')
        .execute()
      return rows.map((r) => ({
        kid: r.kid,
        alg: r.alg as SigningAlgorithm,
        publicJwk: JSON.parse(r.public_jwk),
        isActive: r.is_active === 1,
        isCustodial: r.private_jwk !== null,
        createdAt: r.created_at,
      }))
    },
    async hasOrganisation(id) {
      if (knownOrganisations.has(id)) return true
      const row = await db
        .selectFrom('organisations')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst()
      if (row) knownOrganisations.add(id)
      return row !== undefined
    },
    async getPublicKey(organisationId, kid) {
      const cacheKey = `${organisationId}#${kid}`
      const cached = publicKeys.get(cacheKey)
      if (cached) return cached
      const row = await keyRow(organisationId, kid)
      if (!row) return undefined
      const key = {
        kid: row.kid,
        alg: row.alg as SigningAlgorithm,
        publicJwk: JSON.parse(row.public_jwk),
      }
      publicKeys.set(cacheKey, key)
      return key
    },
    async getCustodialKey(organisationId) {
      const row = await db
        .selectFrom('organisation_keys')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('is_active', '=', 1)
        .where('private_jwk', 'is not', null)
        .executeTakeFirst()
      if (!row?.private_jwk) return undefined
      return {
        kid: row.kid,
        alg: row.alg as SigningAlgorithm,
        publicJwk: JSON.parse(row.public_jwk),
        privateJwk: JSON.parse(cipher.open(row.private_jwk)),
      }
    },
    async listOrganisationIds() {
      const rows = await db.selectFrom('organisations').select('id').execute()
      return rows.map((r) => r.id)
    },
  }
}

/** The columns an {@link Organisation} is read from (not its verification, nor its API key hash). */
const ORGANISATION_COLUMNS = [
  'id',
  'name',
  'name_zh',
  'country',
  'roles',
  'identifiers',
  'did',
  'created_at',
] as const

function toOrganisation(
  row: Pick<Selectable<OrganisationTable>, (typeof ORGANISATION_COLUMNS)[number]>,
): Organisation {
  return {
    id: row.id,
    name: row.name,
    nameZh: row.name_zh,
    country: row.country,
    roles: JSON.parse(row.roles),
    identifiers: JSON.parse(row.identifiers),
    did: row.did,
    createdAt: row.created_at,
  }
}

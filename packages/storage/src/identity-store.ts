import type {
  CachedDidDocument,
  DidDocumentCache,
  IdentityStore,
  OrganisationVerification,
  StoredCredential,
  StoredStatusList,
  TrustMaterial,
} from '@landsea/core/identity'
import type { Kysely } from 'kysely'
import { dialectOf } from './dialect.js'
import { readCacheOf } from './read-cache.js'
import type { Schema } from './schema.js'
import { precompiledQuery } from './precompiled-query.js'

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64')
}

function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'))
}

function toCredential(row: Schema['identity_credentials']): StoredCredential {
  return {
    id: row.id,
    issuer: row.issuer,
    subject: row.subject,
    organisationId: row.organisation_id,
    type: row.type,
    format: row.format as StoredCredential['format'],
    credential: row.credential,
    statusList: row.status_list,
    statusIndex: row.status_index,
    createdAt: row.created_at,
  }
}

/**
 * How long a read organisation verification, trust material or credential is reused: every title
 * action checks that its recipient is verified, and every bill's bundle carries its signers'
 * credentials and the trust lists behind them; they change rarely. Writes through any identity
 * store on the same database handle drop the entry at once; a change made by another process is
 * seen within this time.
 */
export const VERIFICATION_TTL_MS = 1000

/** The database implementation of {@link IdentityStore}. */
export function createIdentityStore(db: Kysely<Schema>): IdentityStore {
  const dialect = dialectOf(db)
  const verifications = readCacheOf<OrganisationVerification>(
    db,
    'identity.verifications',
    VERIFICATION_TTL_MS,
  )
  const trust = readCacheOf<TrustMaterial>(db, 'identity.trust-material', VERIFICATION_TTL_MS)
  const credentials = readCacheOf<StoredCredential>(db, 'identity.credentials', VERIFICATION_TTL_MS)
  const didCache: DidDocumentCache = {
    async get(did) {
      const row = await db
        .selectFrom('identity_did_documents')
        .selectAll()
        .where('did', '=', did)
        .executeTakeFirst()
      return row
        ? ({ document: JSON.parse(row.document), fetchedAt: row.fetched_at } as CachedDidDocument)
        : undefined
    },
    async set(did, entry) {
      const values = { did, document: JSON.stringify(entry.document), fetched_at: entry.fetchedAt }
      await db
        .insertInto('identity_did_documents')
        .values(values)
        .onConflict((oc) =>
          oc
            .column('did')
            .doUpdateSet({ document: values.document, fetched_at: values.fetched_at }),
        )
        .execute()
    },
  }

  const statusList = precompiledQuery(db, (id: string) =>
    db.selectFrom('identity_status_lists').selectAll().where('id', '=', id),
  )
  return {
    didCache,
    async saveTrustList({ authority, version, jurisdiction, jws }) {
      await trust.write(undefined, () =>
        db
          .insertInto('identity_trust_lists')
          .values({ authority, version, jurisdiction, jws, created_at: new Date().toISOString() })
          .onConflict((oc) =>
            oc.columns(['authority', 'version']).doUpdateSet({ jws, jurisdiction }),
          )
          .execute(),
      )
    },
    async saveRecognition({ id, recogniser, recognisedJurisdiction, jws }) {
      await trust.write(undefined, () =>
        db
          .insertInto('identity_recognitions')
          .values({
            id,
            recogniser,
            recognised_jurisdiction: recognisedJurisdiction,
            jws,
            created_at: new Date().toISOString(),
          })
          .onConflict((oc) => oc.column('id').doUpdateSet({ jws }))
          .execute(),
      )
    },
    async trustMaterial() {
      const material = await trust.read('all', async () => {
        const lists = await db
          .selectFrom('identity_trust_lists')
          .select('jws')
          .orderBy('authority')
          .orderBy('version')
          .execute()
        const recognitions = await db
          .selectFrom('identity_recognitions')
          .select('jws')
          .orderBy('created_at')
          .orderBy('id')
          .execute()
        return { lists: lists.map((r) => r.jws), recognitions: recognitions.map((r) => r.jws) }
      })
      return material!
    },
    async saveCredential(c) {
      await credentials.write(c.id, () =>
        db
          .insertInto('identity_credentials')
          .values({
            id: c.id,
            issuer: c.issuer,
            subject: c.subject,
            organisation_id: c.organisationId,
            type: c.type,
            format: c.format,
            credential: c.credential,
            status_list: c.statusList,
            status_index: c.statusIndex,
            created_at: c.createdAt,
          })
          .execute(),
      )
    },
    getCredential: (id) =>
      credentials.read(id, async () => {
        const row = await db
          .selectFrom('identity_credentials')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirst()
        return row && toCredential(row)
      }),
    async assignCredential(id, organisationId) {
      await credentials.write(id, () =>
        db
          .updateTable('identity_credentials')
          .set({ organisation_id: organisationId })
          .where('id', '=', id)
          .execute(),
      )
    },
    async listCredentials({ organisationId, subject } = {}) {
      let query = db.selectFrom('identity_credentials').selectAll()
      if (organisationId !== undefined) query = query.where('organisation_id', '=', organisationId)
      if (subject !== undefined) query = query.where('subject', '=', subject)
      const rows = await query.orderBy('created_at').orderBy('id').execute()
      return rows.map(toCredential)
    },
    async createStatusList({ id, issuer, purpose, bitstring }) {
      await db
        .insertInto('identity_status_lists')
        .values({
          id,
          issuer,
          purpose,
          bitstring: toBase64(bitstring),
          next_index: 0,
          updated_at: new Date().toISOString(),
        })
        .execute()
    },
    async getStatusList(id) {
      const [row] = await statusList.run(id)
      return (
        row && {
          id: row.id,
          issuer: row.issuer,
          purpose: row.purpose as StoredStatusList['purpose'],
          bitstring: fromBase64(row.bitstring),
          nextIndex: row.next_index,
          updatedAt: row.updated_at,
          ...(row.signed_stamp !== null && row.signed_credential !== null
            ? { signed: { stamp: row.signed_stamp, credential: row.signed_credential } }
            : {}),
        }
      )
    },
    async saveSignedStatusList(id, { stamp, credential }) {
      await db
        .updateTable('identity_status_lists')
        .set({ signed_stamp: stamp, signed_credential: credential })
        .where('id', '=', id)
        .execute()
    },
    async allocateStatusIndex(id) {
      // UPDATE … RETURNING is atomic on both databases, so concurrent issuers get distinct indexes.
      const row = await db
        .updateTable('identity_status_lists')
        .set((eb) => ({ next_index: eb('next_index', '+', 1) }))
        .where('id', '=', id)
        .returning('next_index')
        .executeTakeFirst()
      if (!row) throw new Error(`no status list ${id}`)
      return row.next_index - 1
    },
    async setStatus(id, index, isSet) {
      await db.transaction().execute(async (trx) => {
        // Read-modify-write of the bitstring under a row lock (PostgreSQL) or the writer lock (SQLite).
        const select = trx
          .selectFrom('identity_status_lists')
          .select('bitstring')
          .where('id', '=', id)
        const row = await dialect.forUpdate(select).executeTakeFirst()
        if (!row) throw new Error(`no status list ${id}`)
        const bits = fromBase64(row.bitstring)
        if (!Number.isSafeInteger(index) || index < 0 || index >= bits.length * 8)
          throw new RangeError('status index out of range')
        const mask = 1 << (7 - (index & 7))
        bits[index >> 3] = isSet ? bits[index >> 3]! | mask : bits[index >> 3]! & ~mask
        await trx
          .updateTable('identity_status_lists')
          .set({ bitstring: toBase64(bits), updated_at: new Date().toISOString() })
          .where('id', '=', id)
          .execute()
      })
    },
    async setVerification(organisationId, verification) {
      await verifications.write(organisationId, () =>
        db
          .updateTable('organisations')
          .set({
            verification_status: verification.status,
            verification: JSON.stringify(verification),
          })
          .where('id', '=', organisationId)
          .execute(),
      )
    },
    getVerification: (organisationId) =>
      verifications.read(organisationId, async () => {
        const row = await db
          .selectFrom('organisations')
          .select(['verification_status', 'verification'])
          .where('id', '=', organisationId)
          .executeTakeFirst()
        if (!row) return undefined
        return row.verification
          ? (JSON.parse(row.verification) as OrganisationVerification)
          : { status: row.verification_status as OrganisationVerification['status'] }
      }),
    async organisationKeyHistory(organisationId) {
      const rows = await db
        .selectFrom('organisation_keys')
        .select(['kid', 'alg', 'public_jwk', 'created_at', 'retired_at'])
        .where('organisation_id', '=', organisationId)
        .orderBy('created_at')
        .execute()
      return rows.map((r) => ({
        kid: r.kid,
        alg: r.alg,
        publicJwk: JSON.parse(r.public_jwk),
        createdAt: r.created_at,
        retiredAt: r.retired_at,
      }))
    },
    async createChallenge(nonce, expiresAt) {
      await db
        .insertInto('identity_challenges')
        .values({ nonce, expires_at: expiresAt, used_at: null })
        .execute()
    },
    async consumeChallenge(nonce, now) {
      const result = await db
        .updateTable('identity_challenges')
        .set({ used_at: now })
        .where('nonce', '=', nonce)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
  }
}

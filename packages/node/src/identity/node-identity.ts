import { randomBytes } from 'node:crypto'
import { generateSigningKeyPair } from '@landsea/core/crypto'
import {
  createDidDocument,
  createDidResolver,
  createKeyLookup,
  createProofSignatureCheck,
  createStatusListDecoder,
  createStatusBitstring,
  decideTrust,
  findVerificationKey,
  didWebFromUrl,
  IdentityError,
  issuerIdOf,
  readTrustList,
  signTrustList,
  verifyCredential,
  verifyVpJwt,
  type DidDocument,
  type DidKeyEntry,
  type DidResolver,
  type TrustList,
} from '@landsea/core/identity'
import type { IdentityStore } from '@landsea/core/identity'
import type { NodeSettingsStore } from '@landsea/core/settings'
import type { OrganisationStore } from '@landsea/core/organisation'
import type { JWK } from 'jose'
import { NATIVE_VERIFY_PRIMITIVES } from '../crypto/native-primitives.js'
import { fetchTextOverHttp, fetchTextOverHttps } from './fetch-text.js'
import { joinOrganisation } from './join-organisation.js'
import { collectSignerEvidence, evidenceVerification } from './signer-evidence.js'
import { companionSigner } from './hosted-signing.js'
import { recogniseAuthority } from './recognise-authority.js'
import { issueHostedCredential, statusListUrl } from './issue-credential.js'
import { createStatusListSigning } from './status-list-signing.js'
import { createSettingsCache } from './settings-cache.js'
import type {
  HostedParty,
  IdentitySettings,
  VerifyOptions,
  NodeIdentityService,
} from './node-identity-service.js'

const SETTINGS_KEY = 'identity.trust'

/** Another cluster member's change to the identity settings applies here within this (docs/identity.md). */
const SETTINGS_MAX_AGE_MS = 1000

const EMPTY: IdentitySettings = { authorities: [], issuers: [], requireVerifiedParties: false }

/** Wires the identity area of a node over its database, settings and organisations. */
export function createNodeIdentity({
  store,
  settings: settingsStore,
  organisations,
  publicUrl,
  fetchText: fetchOption = fetchTextOverHttps,
  isOffline = false,
  hostKeys,
  settingsMaxAgeMs = SETTINGS_MAX_AGE_MS,
}: {
  store: IdentityStore
  settings: NodeSettingsStore
  organisations: OrganisationStore
  publicUrl?: string
  /** How foreign did:web documents and status lists are fetched (default: HTTPS, 5 s timeout). */
  fetchText?: (url: string) => Promise<string>
  /** Never use the network: only hosted and cached documents resolve. */
  isOffline?: boolean
  /** The keys the node's own host DID publishes (the emissions claim key); none by default. */
  hostKeys?: () => Promise<readonly DidKeyEntry[]>
  /** How long the identity settings are kept in this process (another member's change: at most this). */
  settingsMaxAgeMs?: number
}): NodeIdentityService {
  const isDevelopmentHttp = publicUrl?.startsWith('http://') ?? false
  const fetchText = isOffline
    ? undefined
    : fetchOption === fetchTextOverHttps && isDevelopmentHttp
      ? fetchTextOverHttp
      : fetchOption
  const fetchDocument =
    fetchText && (async (url: string) => JSON.parse(await fetchText(url)) as unknown)
  const hostDid = didWebFromUrl(publicUrl ?? 'https://landsea.localhost')
  // Read several times by every transfer's bundle; this process's own writes are seen at once.
  const settingsCache = createSettingsCache({
    load: async (): Promise<IdentitySettings> => ({
      ...EMPTY,
      ...(await settingsStore.get<IdentitySettings>(SETTINGS_KEY)),
    }),
    maxAgeMs: settingsMaxAgeMs,
  })
  const settings = () => settingsCache.read()
  const storeSettings = async (next: IdentitySettings) => {
    await settingsStore.set(SETTINGS_KEY, next)
    settingsCache.wrote(JSON.parse(JSON.stringify(next)) as IdentitySettings)
  }
  const orgPrefix = `${hostDid}:orgs:`

  async function hostedDocument(did: string): Promise<DidDocument | undefined> {
    if (did === hostDid) {
      const keys = hostKeys ? await hostKeys() : []
      return keys.length > 0 ? createDidDocument({ did, keys }) : undefined
    }
    if (did.startsWith(orgPrefix)) {
      const id = did.slice(orgPrefix.length)
      if (!(await organisations.hasOrganisation(id))) return undefined
      const keys = await store.organisationKeyHistory(id)
      // Rotated keys stay listed with `expires`, so signatures made before the rotation verify.
      return createDidDocument({
        did,
        keys: keys.map((k) => ({
          fragment: k.kid,
          publicJwk: k.publicJwk as JWK,
          ...(k.retiredAt ? { expires: k.retiredAt } : {}),
        })),
      })
    }
    const { authorities, issuers } = await settings()
    const party = [...authorities, ...issuers].find((p) => p.did === did)
    return (
      party &&
      createDidDocument({
        did,
        keys: [
          { fragment: 'key-1', publicJwk: party.key.publicJwk },
          ...(party.companionKey
            ? [{ fragment: 'key-2', publicJwk: party.companionKey.publicJwk }]
            : []),
        ],
      })
    )
  }

  // Hosted DIDs resolve from this node's own data; others through the cache and the network.
  const remote = createDidResolver({
    cache: store.didCache,
    ...(fetchDocument ? { fetchDocument } : {}),
    // A node that itself runs over plain HTTP (development) resolves its peers over HTTP too.
    scheme: isDevelopmentHttp ? 'http' : 'https',
  })
  const resolver: DidResolver = {
    async resolve(did) {
      return (await hostedDocument(did)) ?? remote.resolve(did)
    },
    async resolveKey(didUrl, options) {
      const hash = didUrl.indexOf('#')
      const local = hash > 0 ? await hostedDocument(didUrl.slice(0, hash)) : undefined
      if (!local) return remote.resolveKey(didUrl, options)
      return findVerificationKey(local, didUrl, options?.relationship)
    },
  }
  const lookupKey = createKeyLookup(resolver)
  const verifyForEvidence = evidenceVerification(lookupKey)

  async function hosted(did: string): Promise<HostedParty> {
    const { authorities, issuers } = await settings()
    const party = [...authorities, ...issuers].find((p) => p.did === did)
    if (!party)
      throw new IdentityError('IDENTITY_KEY_NOT_FOUND', `${did} is not hosted by this node`)
    return party
  }

  // Native SHA-256, Ed25519 and zlib, as `verifyBundle` uses in Node: the same verdicts as the
  // portable paths (node/test/verify-paths), without WebStreams' and pure JS's first-use costs.
  const { sha256, ed25519, gunzip } = NATIVE_VERIFY_PRIMITIVES
  const nativeChecks = {
    dataIntegrity: { sha256, checkSignature: createProofSignatureCheck(ed25519) },
    decodeStatusList: createStatusListDecoder(gunzip),
  }

  async function verificationOptions(now?: Date) {
    const { anchor } = await settings()
    return {
      ...nativeChecks,
      lookupKey,
      ...(anchor ? { trust: { anchor, material: await store.trustMaterial() } } : {}),
      fetchStatusList: async (url: string) => {
        const local = await statusListCredential(url)
        if (local) return local
        if (!fetchText) throw new Error(`status list ${url} is not local and the node is offline`)
        return fetchText(url)
      },
      ...(now ? { now } : {}),
    }
  }

  const statusListCredential = createStatusListSigning({ store, hosted })

  async function verify(
    input: unknown,
    { expectedType, now, keyBinding, cryptosuites, lookupKey: heldKeys }: VerifyOptions = {},
  ) {
    return verifyCredential(input, {
      ...(await verificationOptions(now)),
      ...(heldKeys ? { lookupKey: heldKeys } : {}),
      ...(expectedType ? { expectedType } : {}),
      ...(keyBinding ? { keyBinding } : {}),
      ...(cryptosuites ? { cryptosuites } : {}),
    })
  }

  return {
    resolver,
    lookupKey,
    hostDid,
    settings,
    async updateSettings(update) {
      const next = { ...(await settingsCache.fresh()), ...update }
      await storeSettings(next)
      return next
    },
    organisationDid: (id) => `${orgPrefix}${id}`,
    hostedDocument,
    trustMaterial: () => store.trustMaterial(),
    async importTrustList(jws) {
      const list = readTrustList(jws)
      const { authority, version, jurisdiction } = list
      await store.saveTrustList({ authority, version, jurisdiction, jws })
      return list
    },
    async decideTrust({ at = new Date(), ...query }) {
      const { anchor } = await settings()
      if (!anchor) {
        return {
          isTrusted: false,
          code: 'IDENTITY_ISSUER_NOT_TRUSTED',
          reason: 'this node has no trust anchor',
        }
      }
      return decideTrust({ ...query, at }, { anchor, material: await store.trustMaterial() })
    },
    async createHostedParty(
      kind,
      { slug, alg = 'EdDSA', name, jurisdiction, withCompanionKey = false },
    ) {
      const party: HostedParty = {
        did: `${hostDid}:${kind === 'authority' ? 'authorities' : 'issuers'}:${slug}`,
        name,
        jurisdiction,
        key: await generateSigningKeyPair({ alg }),
        ...(withCompanionKey
          ? { companionKey: await generateSigningKeyPair({ alg: 'EdDSA' }) }
          : {}),
      }
      const current = await settingsCache.fresh()
      const field = kind === 'authority' ? 'authorities' : 'issuers'
      await storeSettings({
        ...current,
        [field]: [...current[field].filter((p) => p.did !== party.did), party],
      })
      if (kind === 'issuer') {
        await store.createStatusList({
          id: statusListUrl(publicUrl, slug),
          issuer: party.did,
          purpose: 'revocation',
          bitstring: createStatusBitstring(),
        })
      }
      return party
    },
    async publishTrustList(authorityDid, list) {
      const authority = await hosted(authorityDid)
      const full: TrustList = {
        ...list,
        type: 'LandseaTrustList',
        authority: authority.did,
        jurisdiction: authority.jurisdiction,
      }
      const jws = await signTrustList({
        list: full,
        privateJwk: authority.key.privateJwk,
        alg: authority.key.alg,
        kid: `${authority.did}#key-1`,
        companion: companionSigner(authority),
      })
      await store.saveTrustList({
        authority: authority.did,
        version: full.version,
        jurisdiction: full.jurisdiction,
        jws,
      })
      return jws
    },
    recognise: (input) =>
      recogniseAuthority(
        { store, resolver, hosted, authorities: async () => (await settings()).authorities },
        input,
      ),
    issueCredential: (input) => issueHostedCredential({ store, hosted, publicUrl }, input),
    getCredential: (id) => store.getCredential(id),
    listCredentials: (filter) => store.listCredentials(filter),
    async organisationVerification(organisationId) {
      const verification = await store.getVerification(organisationId)
      if (!verification) return undefined
      return {
        did: `${orgPrefix}${organisationId}`,
        verification,
        credentials: await store.listCredentials({ organisationId }),
      }
    },
    statusListUrl: (slug) => statusListUrl(publicUrl, slug),
    statusListCredential,
    async revoke(credentialId) {
      const credential = await store.getCredential(credentialId)
      if (!credential)
        throw new IdentityError('IDENTITY_KEY_NOT_FOUND', `no credential ${credentialId}`)
      if (credential.statusList === null || credential.statusIndex === null) {
        throw new IdentityError('IDENTITY_STATUS_UNAVAILABLE', 'the credential has no status entry')
      }
      await store.setStatus(credential.statusList, credential.statusIndex, true)
      // The list changed: sign it now, so that its readers serve the stored signed list. The
      // revocation stands whatever this does; a reader that finds no current signed list signs it.
      await statusListCredential(credential.statusList).catch(() => undefined)
      if (credential.organisationId) {
        await store.setVerification(credential.organisationId, {
          status: 'revoked',
          credentialId,
          issuer: credential.issuer,
        })
      }
      return credential
    },
    verify,
    async createChallenge(ttlSeconds = 300) {
      const nonce = randomBytes(18).toString('base64url')
      const expiresAt = new Date(Date.now() + ttlSeconds * 1000).toISOString()
      await store.createChallenge(nonce, expiresAt)
      return { nonce, audience: hostDid, expiresAt }
    },
    async verifyJoin(presentation, nonce) {
      if (!(await store.consumeChallenge(nonce, new Date().toISOString()))) {
        throw new IdentityError(
          'IDENTITY_NONCE_MISMATCH',
          'the nonce is unknown, used or expired; ask for a new challenge',
        )
      }
      const credentialOptions: Partial<Awaited<ReturnType<typeof verificationOptions>>> =
        await verificationOptions()
      delete credentialOptions.lookupKey
      return verifyVpJwt(presentation, {
        lookupKey,
        audience: hostDid,
        nonce,
        credentialOptions: { ...credentialOptions, expectedType: 'LegalEntityCredential' },
      })
    },
    joinOrganisation(input) {
      return joinOrganisation(
        {
          store,
          organisations,
          verifyJoin: (presentation, nonce) => this.verifyJoin(presentation, nonce),
        },
        input,
      )
    },
    signerEvidence(signers, options = {}) {
      return collectSignerEvidence(
        {
          store,
          organisations,
          resolver,
          lookupKey,
          settings,
          statusListCredential,
          organisationDid: (id) => `${orgPrefix}${id}`,
          verifyForEvidence,
        },
        signers,
        options,
      )
    },
    async verifyOrganisation(organisationId, credential) {
      const result = await verify(credential, { expectedType: 'LegalEntityCredential' })
      if (result.isValid) {
        await store.setVerification(organisationId, {
          status: 'verified',
          ...(result.credential?.id ? { credentialId: result.credential.id } : {}),
          issuer: issuerIdOf(result.credential!)!,
          trustPath: result.trust.path.map((step) => step.text),
          verifiedAt: new Date().toISOString(),
        })
      }
      return result
    },
  }
}

export { statusListUrl } from './issue-credential.js'
export { fetchTextWith } from './fetch-text.js'

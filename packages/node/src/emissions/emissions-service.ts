import { sha256Hex, toBase64, toHex as bytesToHex } from '@landsea/core/crypto'
import type { GreenLink } from '@landsea/core/ebl'
import {
  createEmissionsClaimCredential,
  CURRENT_FACTOR_TABLE_VERSION,
  EmissionsError,
  emissionsClaimSubject,
  type Consignment,
  type EmissionsClaimSubject,
  buildEmissionsReport,
  computeJourneyEmissions,
  journeyOf,
  type EmissionsReport,
  type ReportShipment,
} from '@landsea/core/emissions'
import { buildTimeline } from '@landsea/core/tracking'
import { issueVcJwt } from '@landsea/core/identity'
import { encodeLeaf, hashLeaf, type LedgerStore } from '@landsea/core/ledger'
import type { NodeSettingsStore } from '@landsea/core/settings'
import type { EventStore } from '@landsea/core/tracking'
import { publicJwkMembers, type BundleEmissionsClaim } from '@landsea/core/verify'
import { CLAIM_KEY_FRAGMENT, createClaimKey, type ClaimKey } from './claim-key.js'

/** An emissions claim this node issued: the vc+jwt, its subject, and the key that signed it. */
export interface StoredEmissionsClaim {
  /** The credential's id (`urn:uuid:`), which a green-linked pledge cites. */
  readonly id?: string
  /** SHA-256 (hex) of `credential`, which a green-linked pledge cites. */
  readonly digest?: string
  readonly shipmentKey: string
  readonly credential: string
  readonly issuerKey: BundleEmissionsClaim['issuerKey']
  readonly issuedAt: string
  readonly subject: EmissionsClaimSubject
}

/** The node's emissions claims (docs/emissions.md). */
export interface EmissionsService {
  /**
   * Issues the claim of a finished shipment from its ledgered events with the current factor
   * table, once: a claim already issued is returned as it is (a later table never changes it).
   * EMISSIONS_INCOMPLETE when the shipment is not finished or its journey has gaps.
   */
  issueClaim(shipmentKey: string, consignment: Consignment): Promise<StoredEmissionsClaim>
  claim(shipmentKey: string): Promise<StoredEmissionsClaim | undefined>
  /**
   * The green link a pledge of the shipment's bill signs: the shipment's claim, which must be the
   * one cited. EMISSIONS_CLAIM_NOT_FOUND without a claim, EMISSIONS_CLAIM_MISMATCH for another id.
   */
  greenLink(shipmentKey: string, claimId: string): Promise<GreenLink>
  /** The claim as a bundle carries it, its events proved to `treeSize`. */
  bundleClaim(shipmentKey: string, treeSize: number): Promise<BundleEmissionsClaim | undefined>
  /**
   * The report of an organisation over [from, to): the shipments it may read whose last event
   * falls in the period; each at its claim's TEU, else `defaultTeu`.
   */
  report(input: {
    organisation: string
    from: Date
    to: Date
    canRead: (shipmentKey: string) => boolean
    defaultTeu?: number
  }): Promise<EmissionsReport>
}

const claimSetting = (shipmentKey: string) => `emissions.claim.${shipmentKey}`

/** Emissions claims over the node's event store and ledger, signed by a node key kept in settings. */
export function createEmissionsService({
  events,
  ledger,
  settings,
  claimKey = createClaimKey(settings),
  issuerDid,
  now = () => new Date(),
}: {
  events: EventStore
  ledger: LedgerStore
  settings: NodeSettingsStore
  /** The key that signs claims, published in the node's DID document. */
  claimKey?: ClaimKey
  /** The node's host DID, the claims' issuer. */
  issuerDid: () => string
  now?: () => Date
}): EmissionsService {
  const claim = (shipmentKey: string) =>
    settings.get<StoredEmissionsClaim>(claimSetting(shipmentKey))

  return {
    claim,

    async greenLink(shipmentKey, claimId) {
      const issued = await claim(shipmentKey)
      if (!issued?.id || !issued.digest)
        throw new EmissionsError(
          'EMISSIONS_CLAIM_NOT_FOUND',
          `shipment ${shipmentKey} has no emissions claim a pledge can cite`,
        )
      if (issued.id !== claimId)
        throw new EmissionsError(
          'EMISSIONS_CLAIM_MISMATCH',
          `${claimId} is not the emissions claim of shipment ${shipmentKey} (${issued.id})`,
        )
      return { claimId: issued.id, claimDigest: issued.digest }
    },

    async issueClaim(shipmentKey, consignment) {
      const existing = await claim(shipmentKey)
      if (existing) return existing
      const stored = await events.eventsOfShipment(shipmentKey)
      if (stored.length === 0)
        throw new EmissionsError('EMISSIONS_INCOMPLETE', `no events for ${shipmentKey}`)
      const subject = emissionsClaimSubject({
        shipmentKey,
        consignment,
        factorTableVersion: CURRENT_FACTOR_TABLE_VERSION,
        events: stored.map((s) => ({
          event: s.event,
          leafIndex: s.leafIndex,
          leafHash: bytesToHex(hashLeaf(encodeLeaf({ type: 'tracking-event', body: s.event }))),
        })),
      })
      const issuedAt = now()
      const issuer = issuerDid()
      const key = await claimKey.keyPair()
      const id = `urn:uuid:${crypto.randomUUID()}`
      const credential = await issueVcJwt({
        credential: createEmissionsClaimCredential({ id, issuer, issuedAt, subject }),
        privateJwk: key.privateJwk,
        alg: 'EdDSA',
        kid: `${issuer}#${CLAIM_KEY_FRAGMENT}`,
      })
      const record: StoredEmissionsClaim = {
        id,
        digest: sha256Hex(credential),
        shipmentKey,
        credential,
        issuerKey: publicJwkMembers(key.publicJwk),
        issuedAt: issuedAt.toISOString(),
        subject,
      }
      await settings.set(claimSetting(shipmentKey), record)
      return record
    },

    async report({ organisation, from, to, canRead, defaultTeu = 2 }) {
      if (!(from.getTime() < to.getTime()))
        throw new EmissionsError('EMISSIONS_INPUT_INVALID', 'the period must end after it starts')
      const listed = await events.listShipments({ limit: 100_000 })
      const rows: ReportShipment[] = []
      for (const summary of listed) {
        const last = Date.parse(summary.lastEventAt)
        if (last < from.getTime() || last >= to.getTime() || !canRead(summary.shipmentKey)) continue
        const issued = await claim(summary.shipmentKey)
        const teu = issued?.subject.teu ?? defaultTeu
        const stored = await events.eventsOfShipment(summary.shipmentKey)
        const { milestones } = buildTimeline(
          stored.map((e) => e.event),
          0,
        )
        const { legs, gaps } = journeyOf(milestones)
        rows.push({
          shipmentKey: summary.shipmentKey,
          teu,
          claimed: issued !== undefined,
          emissions: issued?.subject ?? computeJourneyEmissions(legs, { teu }, { gaps }),
        })
      }
      rows.sort((a, b) => (a.shipmentKey < b.shipmentKey ? -1 : 1))
      return buildEmissionsReport({
        organisation,
        from: from.toISOString(),
        to: to.toISOString(),
        shipments: rows,
      })
    },

    async bundleClaim(shipmentKey, treeSize) {
      const record = await claim(shipmentKey)
      if (!record) return undefined
      const byLeaf = new Map(
        (await events.eventsOfShipment(shipmentKey)).map((s) => [s.leafIndex, s.event]),
      )
      const cited = []
      for (const { leafIndex } of record.subject.events) {
        const event = byLeaf.get(leafIndex)
        if (!event)
          throw new EmissionsError('EMISSIONS_CLAIM_NOT_FOUND', `leaf ${leafIndex} is not stored`)
        const proof = await ledger.inclusionProof(leafIndex, treeSize)
        cited.push({
          event: event as unknown as Record<string, unknown>,
          leafIndex,
          inclusionProof: proof.hashes.map(toBase64),
        })
      }
      return { credential: record.credential, issuerKey: record.issuerKey, events: cited }
    },
  }
}

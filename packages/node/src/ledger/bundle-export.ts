import { pintChecksumOf } from '../pint/pint-import.js'
import { readJwsHeader } from '@landsea/core/crypto'
import type { AcceptedEntry, EblRecord, TitleRegistry } from '@landsea/core/ebl'
import { createMerkleHashes, encodeLeaf, LedgerError } from '@landsea/core/ledger'
import { PERSONAL_DATA_SCHEME } from '@landsea/core/privacy'
import { createBundle, type EblBundle } from '@landsea/core/verify'
import type { OrganisationStore } from '@landsea/core/organisation'
import type { EmissionsService } from '../emissions/emissions-service.js'
import type { PintCrossing } from '../pint/pint-evidence.js'
import type { NodeLedger } from './node-ledger.js'
import { nodeSha256 } from '../crypto/node-sha256.js'

// The leaf hashes that find a bill's actions in the log, over Node's native SHA-256.
const { hashLeaf } = createMerkleHashes(nodeSha256)

/**
 * Builds the offline-verifiable bundle of a bill: its document, every signed action with an
 * inclusion proof to one checkpoint (signed now if the latest does not cover them all), the
 * checkpoint with its cosignatures, and the public keys of the log, the witnesses and the signers.
 */
export async function exportBundle({
  documentId,
  read,
  registry,
  organisations,
  ledger,
  identity,
  emissions,
  crossingOf,
}: {
  documentId: string
  /** The bill and its history when the caller has just read them (a PINT transfer): not read again. */
  read?: { record: EblRecord; history: readonly AcceptedEntry[]; pintChecksum: string }
  registry: TitleRegistry
  organisations: OrganisationStore
  ledger: NodeLedger
  /** Adds each signer's identity evidence (legal-entity credential, DID documents, trust lists). */
  identity?: {
    signerEvidence(
      signers: readonly { kid: string; publicJwk: object }[],
    ): Promise<readonly unknown[]>
  }
  /** Adds the emissions claim of the bill's shipment (its reference), when one was issued. */
  emissions?: Pick<EmissionsService, 'claim' | 'bundleClaim'>
  /**
   * How the bill arrived from another platform, if it did (`pint.crossingOf`): the bundle is then
   * multi-log, its actions those taken here since, after the crossing (docs/pint.md).
   */
  crossingOf?: (documentChecksum: string) => Promise<PintCrossing | undefined>
}): Promise<EblBundle> {
  const record = read?.record ?? (await registry.get(documentId))
  const arrived = await crossingOf?.(read?.pintChecksum ?? pintChecksumOf(record))
  const history = read?.history ?? (await registry.history(documentId))
  const entries = arrived ? entriesSince(history, arrived.lastEntryChecksum) : history
  const found = await ledger.store.findLeafIndices(
    entries.map((entry) => hashLeaf(encodeLeaf({ type: 'ebl-action', body: entry.jws }))),
  )
  const leafIndices = found.map((index, i) => {
    if (index === undefined) {
      throw new LedgerError(
        'LEDGER_ENTRY_NOT_FOUND',
        `action ${entries[i]!.seq} of ${documentId} is not in the log yet`,
      )
    }
    return index
  })
  const claim = await emissions?.claim(record.reference)
  const claimLeaves = claim?.subject.events.map((e) => e.leafIndex) ?? []
  // Read once: the peers cosign the checkpoint and their witness keys go in the bundle.
  const peers = await ledger.peers()
  const checkpoint = await ledger.checkpoint({
    minTreeSize: Math.max(0, ...[...leafIndices, ...claimLeaves].map((i) => i + 1)),
    peers,
  })
  const proofs = await ledger.store.inclusionProofs(leafIndices, checkpoint.treeSize)
  const actions = entries.map((entry, i) => ({ jws: entry.jws, proof: proofs[i]! }))
  const signers = new Map<string, { kid: string; publicJwk: object }>()
  for (const entry of entries) {
    const kid = readJwsHeader(entry.jws).kid ?? ''
    if (signers.has(kid)) continue
    const hash = kid.indexOf('#')
    const key = await organisations.getPublicKey(kid.slice(0, hash), kid.slice(hash + 1))
    if (!key) throw new LedgerError('LEDGER_ENTRY_NOT_FOUND', `no public key ${kid}`)
    signers.set(kid, { kid, publicJwk: key.publicJwk })
  }
  const witnessKeys = peers
    .map((p) => p.witnessKey)
    .filter((vkey) => {
      const name = vkey.slice(0, vkey.indexOf('+'))
      return checkpoint.note.includes(`\n\u2014 ${name} `)
    })
  const emissionsClaim = claim
    ? await emissions?.bundleClaim(record.reference, checkpoint.treeSize)
    : undefined
  const bundle = createBundle({
    document: record.document,
    actions,
    checkpoint: checkpoint.note,
    logKey: ledger.keys.logKey,
    witnessKeys,
    signers: [...signers.values()],
    ...(identity
      ? {
          credentials: await identity.signerEvidence([...signers.values()]),
        }
      : {}),
  })
  // Committed personal fields (docs/privacy.md): disclosed with their salts, or commitments only
  // once the person was erased; the document checksum the actions sign is over the committed form.
  const personalData = record.personal?.length
    ? { scheme: PERSONAL_DATA_SCHEME, fields: record.personal }
    : undefined
  return {
    ...bundle,
    ...(emissionsClaim ? { emissionsClaim } : {}),
    ...(personalData ? { personalData } : {}),
    ...(arrived ? { crossing: arrived.crossing } : {}),
  }
}

/** The actions taken on this node after the chain a bill arrived with (none yet: empty). */
export function entriesSince<E extends { previousEntryChecksum: string | null }>(
  history: readonly E[],
  chainHead: string,
): E[] {
  const start = history.findIndex((e) => e.previousEntryChecksum === chainHead)
  return start < 0 ? [] : history.slice(start)
}

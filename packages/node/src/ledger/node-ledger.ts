import {
  createCosigner,
  createCosignatureVerifier,
  createEd25519NoteSigner,
  createEd25519NoteVerifier,
  createWitness,
  formatVerifierKey,
  hashLeaf,
  LedgerError,
  NOTE_SIGNATURE_TYPE,
  parseNote,
  parseVerifierKey,
  signCheckpoint,
  type ConsistencyProof,
  type ForkEvidence,
  type InclusionProof,
  type LedgerStore,
  type StoredCheckpoint,
  type Witness,
  type WitnessStore,
} from '@landsea/core/ledger'
import { fromBase64, toBase64 } from '@landsea/core/crypto'
import { nodeEd25519PublicKey } from '../crypto/index.js'
import type { NodeSettingsStore } from '@landsea/core/settings'
import { requestCosignature, type Fetch, type WitnessPeer } from './witness-client.js'

/** A peer node: we witness its log, and ask it to witness ours. */
export interface LedgerPeer extends WitnessPeer {
  /** The peer log's origin and its log verifier key. */
  readonly origin: string
  readonly logKey: string
}

/** The public keys of a node's ledger, as `GET /api/ledger/keys` serves them. */
export interface LedgerKeys {
  readonly origin: string
  readonly logKey: string
  readonly witnessName: string
  readonly witnessKey: string
}

/** The node's Merkle log, its checkpoints, and the witness it runs for its peers. */
export interface NodeLedger {
  readonly keys: LedgerKeys
  readonly store: LedgerStore
  /** How many leaves the log has now. */
  treeSize(): Promise<number>
  /** The latest signed checkpoint with its cosignatures, if the log has one yet. */
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>
  /** RFC 9162 §2.1.3 inclusion proof of a leaf in the tree of `treeSize` leaves. */
  inclusionProof(leafIndex: number, treeSize: number): Promise<InclusionProof>
  /** RFC 9162 §2.1.4 consistency proof between two tree sizes. */
  consistencyProof(size1: number, size2: number): Promise<ConsistencyProof>
  /**
   * The leaf hashes of leaves `start` to `end` (exclusive, default `start + 1000`), for monitors:
   * 1 to 1,000 leaves, all below the tree size, else `LEDGER_SIZE_INVALID`.
   */
  leafHashes(start: number, end?: number): Promise<Uint8Array[]>
  /** The witness this node runs for its peers' logs. */
  witness(): Promise<Witness>
  /** Fork evidence the witness kept. */
  evidence(): Promise<readonly ForkEvidence[]>
  /**
   * A checkpoint covering at least `minTreeSize` leaves: the latest one when it does, else a new
   * one signed now. Either way, asks peers for cosignatures it still lacks: `peers` when the
   * caller has just read them (a bundle names their witness keys), else those configured.
   */
  checkpoint(options?: {
    minTreeSize?: number
    peers?: readonly LedgerPeer[]
  }): Promise<StoredCheckpoint>
  peers(): Promise<readonly LedgerPeer[]>
  addPeer(peer: LedgerPeer): Promise<void>
  /** Reads a peer node's ledger keys from `<baseUrl>/api/ledger/keys` and adds it as a peer. */
  addPeerAt(baseUrl: string): Promise<LedgerPeer>
  /**
   * Signs a checkpoint when the log has grown since the latest one and asks the peers to cosign
   * it (the publisher job's unit of work); undefined when the log has not grown.
   */
  publishIfGrown(): Promise<StoredCheckpoint | undefined>
}

interface LedgerSecrets {
  readonly logSeed: string
  readonly witnessSeed: string
}

/** A key name from a node's name: lower case, no spaces or `+` (C2SP key names). */
export function originFor(name: string, publicUrl?: string): string {
  if (publicUrl) {
    const url = new URL(publicUrl)
    return `${url.host}${url.pathname.replace(/\/$/, '')}/log`
  }
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/^-|-$/g, '') || 'node'
  return `${slug}.landsea/log`
}

/**
 * Opens the node's ledger: loads (or creates, on first run) its log and witness keys from the
 * node settings, and wires the stores. `fetch` reaches peers' witnesses.
 */
export async function createNodeLedger({
  store,
  witnessStore,
  settings,
  origin,
  fetch = globalThis.fetch as unknown as Fetch,
  now = () => new Date(),
}: {
  store: LedgerStore
  witnessStore: WitnessStore
  settings: NodeSettingsStore
  origin: string
  fetch?: Fetch
  now?: () => Date
}): Promise<NodeLedger> {
  let secrets = await settings.get<LedgerSecrets>('ledger.secrets')
  if (!secrets) {
    const random = () => toBase64(crypto.getRandomValues(new Uint8Array(32)))
    secrets = { logSeed: random(), witnessSeed: random() }
    await settings.set('ledger.secrets', secrets)
  }
  const storedOrigin = await settings.get<string>('ledger.origin')
  if (!storedOrigin) await settings.set('ledger.origin', origin)
  const logOrigin = storedOrigin ?? origin
  const witnessName = logOrigin.replace(/\/log$/, '') + '/witness'
  const logSeed = fromBase64(secrets.logSeed)!
  const witnessSeed = fromBase64(secrets.witnessSeed)!
  const logPublicKey = nodeEd25519PublicKey(logSeed)
  const witnessPublicKey = nodeEd25519PublicKey(witnessSeed)
  const logSigner = createEd25519NoteSigner({
    name: logOrigin,
    seed: logSeed,
    publicKey: logPublicKey,
  })
  const cosigner = createCosigner({
    name: witnessName,
    seed: witnessSeed,
    publicKey: witnessPublicKey,
    now: () => Math.floor(now().getTime() / 1000),
  })
  const keys: LedgerKeys = {
    origin: logOrigin,
    logKey: formatVerifierKey({
      name: logOrigin,
      type: NOTE_SIGNATURE_TYPE.ed25519,
      publicKey: logPublicKey,
    }),
    witnessName,
    witnessKey: formatVerifierKey({
      name: witnessName,
      type: NOTE_SIGNATURE_TYPE.cosignatureV1,
      publicKey: witnessPublicKey,
    }),
  }
  const peers = async () => (await settings.get<LedgerPeer[]>('ledger.peers')) ?? []
  // The size each peer's witness last cosigned for us, learnt from its answers.
  const peerSizes = new Map<string, number>()

  async function collectCosignatures(
    checkpoint: StoredCheckpoint,
    witnesses: readonly LedgerPeer[],
  ): Promise<StoredCheckpoint> {
    const note = parseNote(checkpoint.note)
    let lines = checkpoint.note.slice(note.text.length + 1)
    for (const peer of witnesses) {
      const key = parseVerifierKey(peer.witnessKey)
      const verifier = createCosignatureVerifier(key)
      if (note.signatures.some((s) => s.name === verifier.name && s.keyId === verifier.keyId))
        continue
      const ask = async (oldSize: number) => {
        const proof =
          oldSize === 0 || oldSize > checkpoint.treeSize
            ? []
            : (await store.consistencyProof(oldSize, checkpoint.treeSize)).hashes
        return requestCosignature(
          fetch,
          peer,
          { oldSize, proof, checkpoint: checkpoint.note },
          note.text,
        )
      }
      let result = await ask(peerSizes.get(peer.url) ?? 0)
      if (
        !result.ok &&
        result.latestSize !== undefined &&
        result.latestSize <= checkpoint.treeSize
      ) {
        result = await ask(result.latestSize)
      }
      if (result.ok) {
        peerSizes.set(peer.url, checkpoint.treeSize)
        lines += result.line
      }
    }
    if (lines === checkpoint.note.slice(note.text.length + 1)) return checkpoint
    const cosigned = { ...checkpoint, note: `${note.text}\n${lines}` }
    await store.saveCheckpoint(cosigned)
    return cosigned
  }

  const ledger: NodeLedger = {
    keys,
    store,
    treeSize: () => store.treeSize(),
    latestCheckpoint: () => store.latestCheckpoint(),
    inclusionProof: (leafIndex, treeSize) => store.inclusionProof(leafIndex, treeSize),
    consistencyProof: (size1, size2) => store.consistencyProof(size1, size2),
    async leafHashes(start, end = start + 1000) {
      const size = await store.treeSize()
      if (end <= start || end - start > 1000 || end > size) {
        throw new LedgerError('LEDGER_SIZE_INVALID', `ask for 1 to 1,000 leaves below ${size}`)
      }
      return (await store.readLeaves(start, end)).map((leaf) => hashLeaf(leaf))
    },
    async witness() {
      const logs = (await peers()).map((p) => {
        const key = parseVerifierKey(p.logKey)
        return { origin: p.origin, verifiers: [createEd25519NoteVerifier(key)] }
      })
      return createWitness({ logs, cosigner, store: witnessStore, now })
    },
    evidence: () => witnessStore.listEvidence(),
    async checkpoint({ minTreeSize = 0, peers: witnesses } = {}) {
      let latest = await store.latestCheckpoint()
      if (!latest || latest.treeSize < minTreeSize) {
        const treeSize = await store.treeSize()
        const rootHash = await store.rootHash(treeSize)
        latest = {
          treeSize,
          rootHash,
          createdAt: now().toISOString(),
          note: signCheckpoint({ origin: logOrigin, treeSize, rootHash }, logSigner),
        }
        const existing = await store.checkpointAt(treeSize)
        if (existing) latest = existing
        else await store.saveCheckpoint(latest)
      }
      return collectCosignatures(latest, witnesses ?? (await peers()))
    },
    peers,
    async addPeer(peer) {
      parseVerifierKey(peer.logKey)
      parseVerifierKey(peer.witnessKey)
      const others = (await peers()).filter((p) => p.origin !== peer.origin)
      await settings.set('ledger.peers', [...others, peer])
    },
    async addPeerAt(baseUrl) {
      const base = baseUrl.replace(/\/$/, '')
      let keys: LedgerKeys
      try {
        const response = await fetch(`${base}/api/ledger/keys`, {
          method: 'GET',
          signal: AbortSignal.timeout(5000),
        })
        keys = JSON.parse(await response.text()) as LedgerKeys
        parseVerifierKey(keys.logKey)
        parseVerifierKey(keys.witnessKey)
      } catch (cause) {
        throw new LedgerError(
          'LEDGER_WITNESS_UNAVAILABLE',
          `cannot read the ledger keys of ${base}`,
          {
            cause,
          },
        )
      }
      const peer = {
        url: `${base}/api/witness`,
        origin: keys.origin,
        logKey: keys.logKey,
        witnessKey: keys.witnessKey,
      }
      await ledger.addPeer(peer)
      return peer
    },
    async publishIfGrown() {
      const size = await store.treeSize()
      if (size <= ((await store.latestCheckpoint())?.treeSize ?? 0)) return undefined
      return ledger.checkpoint({ minTreeSize: size })
    },
  }
  return ledger
}

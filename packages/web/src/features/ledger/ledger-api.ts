import type { ApiClient } from '../../lib/api-client.js'

/** The node's log keys (`GET /api/ledger/keys`). */
export interface LedgerKeys {
  readonly origin: string
  readonly logKey: string
  readonly witnessName: string
  readonly witnessKey: string
}

/** The latest checkpoint (`GET /api/ledger/checkpoint`); `rootHash` is base64. */
export interface StoredCheckpointJson {
  readonly treeSize: number
  readonly rootHash: string
  readonly note: string
  readonly createdAt: string
}

/** A peer node (`GET /api/ledger/peers`). */
export interface LedgerPeer {
  readonly url: string
  readonly origin: string
  readonly logKey: string
  readonly witnessKey: string
}

/** Everything the ledger screen shows at first. */
export interface LedgerOverview {
  readonly keys: LedgerKeys
  readonly checkpoint: StoredCheckpointJson | null
  readonly peers: readonly LedgerPeer[]
}

/** Loads keys, the latest checkpoint (null before the first one) and peers. */
export async function getLedgerOverview(client: ApiClient): Promise<LedgerOverview> {
  const [keys, checkpoint, peers] = await Promise.all([
    client.get<LedgerKeys>('/ledger/keys'),
    client.get<StoredCheckpointJson>('/ledger/checkpoint').catch((error: { code?: string }) => {
      if (error.code === 'LEDGER_CHECKPOINT_NOT_FOUND') return null
      throw error
    }),
    client.get<{ peers?: LedgerPeer[] }>('/ledger/peers'),
  ])
  return { keys, checkpoint, peers: Array.isArray(peers?.peers) ? peers.peers : [] }
}

/** An inclusion proof and the leaf's hash, from the node. */
export interface InclusionProofJson {
  readonly leafIndex: number
  readonly treeSize: number
  readonly hashes: readonly string[]
  readonly leafHash: string
}

/** Fetches the audit path of a leaf to a tree size, and the leaf's hash. */
export async function getInclusionProof(
  client: ApiClient,
  leafIndex: number,
  treeSize: number,
): Promise<InclusionProofJson> {
  const [proof, leaves] = await Promise.all([
    client.get<{ leafIndex: number; treeSize: number; hashes: string[] }>(
      `/ledger/proofs/inclusion?leafIndex=${leafIndex}&treeSize=${treeSize}`,
    ),
    client.get<{ leafHashes: string[] }>(`/ledger/leaves?start=${leafIndex}&end=${leafIndex + 1}`),
  ])
  return { ...proof, leafHash: leaves.leafHashes?.[0] ?? '' }
}

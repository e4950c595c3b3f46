import {
  decodeLeaf,
  encodeLeaf,
  hashLeaf,
  verifyInclusionProof,
  type LedgerStore,
} from '@landsea/core/ledger'
import { countSubjects, type SubjectCounters, type TransferRecord } from '@landsea/core/privacy'

/** A register entry and where it sits in the ledger. */
export interface RegisteredTransfer {
  readonly leafIndex: number
  readonly record: TransferRecord
}

/**
 * The transfer register: append-only, each entry a `privacy-transfer` leaf of the node's ledger, so
 * the checkpoints the peer cosigns commit to it (its completeness is provable like the title
 * history's). Reads scan the log's leaves once and then follow appends.
 */
export interface TransferRegister {
  /** Appends an entry; resolves once it is durable in the log. */
  append(record: TransferRecord): Promise<RegisteredTransfer>
  /** Every entry, oldest first. */
  list(): Promise<readonly RegisteredTransfer[]>
  /** The entry recorded for a transfer intent, if any. */
  byIntent(intentId: string): Promise<RegisteredTransfer | undefined>
  /** Distinct subjects per exporter in a calendar year, kept as entries are read (the thresholds). */
  subjects(year: number): Promise<SubjectCounters>
  /**
   * Checks every entry against a tree size: each one's leaf hash is included under the root
   * (RFC 9162 §2.1.3.2). Returns the entries that fail (none when the register is intact).
   */
  verify(treeSize: number): Promise<readonly RegisteredTransfer[]>
}

/** Creates the register over the node's ledger store. */
export function createTransferRegister({ store }: { store: LedgerStore }): TransferRegister {
  const entries: RegisteredTransfer[] = []
  const intents = new Map<string, RegisteredTransfer>()
  const years = new Map<number, SubjectCounters>()
  let scanned = 0
  let scanning: Promise<void> | undefined

  function add(entry: RegisteredTransfer): void {
    entries.push(entry)
    if (entry.record.intentId) intents.set(entry.record.intentId, entry)
    const year = Number(entry.record.recordedAt.slice(0, 4))
    const counters = years.get(year) ?? new Map()
    countSubjects(counters, entry.record)
    years.set(year, counters)
  }

  async function catchUp(): Promise<void> {
    const size = await store.treeSize()
    while (scanned < size) {
      const end = Math.min(size, scanned + 1000)
      const leaves = await store.readLeaves(scanned, end)
      leaves.forEach((bytes, i) => {
        const leaf = decodeLeaf(bytes)
        if (leaf.type === 'privacy-transfer') {
          add({ leafIndex: scanned + i, record: leaf.body as TransferRecord })
        }
      })
      scanned = end
    }
  }
  const refresh = () => (scanning ??= catchUp().finally(() => (scanning = undefined)))

  return {
    async append(record) {
      const { firstIndex } = await store.appendLeaves([
        encodeLeaf({ type: 'privacy-transfer', body: record }),
      ])
      // Nothing else was appended since the last scan: the entry is known without reading it back.
      if (!scanning && scanned === firstIndex) {
        const entry = { leafIndex: firstIndex, record }
        add(entry)
        scanned = firstIndex + 1
        return entry
      }
      await refresh()
      return entries.find((e) => e.leafIndex === firstIndex) ?? { leafIndex: firstIndex, record }
    },
    async list() {
      await refresh()
      return [...entries]
    },
    async byIntent(intentId) {
      await refresh()
      return intents.get(intentId)
    },
    async subjects(year) {
      await refresh()
      return years.get(year) ?? new Map()
    },
    async verify(treeSize) {
      await refresh()
      const root = await store.rootHash(treeSize)
      const failed: RegisteredTransfer[] = []
      for (const entry of entries.filter((e) => e.leafIndex < treeSize)) {
        const leafHash = hashLeaf(encodeLeaf({ type: 'privacy-transfer', body: entry.record }))
        const proof = await store.inclusionProof(entry.leafIndex, treeSize)
        try {
          verifyInclusionProof(proof, leafHash, root)
        } catch {
          failed.push(entry)
        }
      }
      return failed
    },
  }
}

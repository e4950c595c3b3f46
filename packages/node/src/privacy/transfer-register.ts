import {
  encodeLeaf,
  encodeLeafWithCanonicalBody,
  hashLeaf,
  verifyInclusionProof,
  type LedgerStore,
} from '@landsea/core/ledger'
import {
  countSubjects,
  type SubjectCounters,
  type TransferLeafEncoder,
  type TransferRecord,
  type TransferRegisterStore,
} from '@landsea/core/privacy'
import type { Delivery } from '@landsea/core/tracking'

/** A register entry and where it sits in the ledger (null until the register seals it). */
export interface RegisteredTransfer {
  readonly leafIndex: number | null
  readonly record: TransferRecord
}

/** A register entry with its ledger leaf. */
export interface SealedTransfer extends RegisteredTransfer {
  readonly leafIndex: number
}

/**
 * The transfer register: append-only; each entry is a row written before the send (record first)
 * and a `privacy-transfer` leaf of the node's ledger, appended in batches by {@link seal} (the
 * privacy job, and every read of the register), so the checkpoints the peer cosigns commit to it and
 * its completeness is provable: every row gets exactly one leaf, and {@link verify} checks each row
 * against its leaf.
 */
export interface TransferRegister {
  /**
   * Records an entry (group commit): it counts at once, so the next decision sees it, and its row
   * is written with every entry recorded in the same turn of the event loop, in one statement.
   * `durable` resolves once the row is written (its leaf follows at the next seal); a retry of an
   * intent already recorded gets the first entry back. `deliveryId`: the webhook delivery whose
   * status settles the intent.
   */
  append(
    record: TransferRecord,
    deliveryId?: string,
  ): Promise<{ readonly durable: Promise<RegisteredTransfer> }>
  /** Counts an entry towards the thresholds now, before it is written (see {@link appendWith}). */
  count(record: TransferRecord): Promise<void>
  /**
   * Records counted entries together with the webhook deliveries that carry them, in one
   * transaction: resolves once both are written (record first; their leaves follow at the next
   * seal).
   */
  appendWith(
    entries: readonly { readonly record: TransferRecord; readonly deliveryId: string }[],
    deliveries: readonly Delivery[],
  ): Promise<void>
  /** Appends the leaves of the rows that have none; returns how many. */
  seal(): Promise<number>
  /** Every entry, oldest first, each with its leaf (pending rows are sealed first). */
  list(): Promise<readonly SealedTransfer[]>
  /** The entry recorded for a transfer intent, if any. */
  byIntent(intentId: string): Promise<RegisteredTransfer | undefined>
  /** Distinct subjects per exporter in a calendar year, kept as entries are written (the thresholds). */
  subjects(year: number): Promise<SubjectCounters>
  /**
   * Seals, then checks every entry against a tree size: each one's leaf hash is included under the
   * root (RFC 9162 §2.1.3.2). Returns the entries that fail (none when the register is intact).
   */
  verify(treeSize: number): Promise<readonly SealedTransfer[]>
  /** Intents not settled: no settlement row, and no ended webhook delivery settles them. */
  unsettled(): ReturnType<TransferRegisterStore['unsettled']>
  /** Seals, then settles the intents whose webhook deliveries have ended; returns how many. */
  settleEnded(): Promise<number>
}

const encode = (record: TransferRecord) => encodeLeaf({ type: 'privacy-transfer', body: record })
/** A row's leaf: from its record, or from the record's RFC 8785 text as the store wrote it. */
const leaf: TransferLeafEncoder = {
  encode,
  canonical: (text) =>
    encodeLeafWithCanonicalBody({ type: 'privacy-transfer', canonicalBody: text }),
}

/**
 * Creates the register over its rows and the node's ledger. The counters follow this process's own writes without reading them back; another process's rows are read when
 * an insert shows it wrote some (the insert's sequence number skips), and at every read.
 */
export function createTransferRegister({
  rows,
  ledger,
}: {
  rows: TransferRegisterStore
  ledger: LedgerStore
}): TransferRegister {
  const years = new Map<number, SubjectCounters>()
  let seen = 0
  let loading: Promise<void> | undefined

  function add(record: TransferRecord): void {
    const year = Number(record.recordedAt.slice(0, 4))
    const counters = years.get(year) ?? new Map()
    countSubjects(counters, record)
    years.set(year, counters)
  }
  async function catchUp(): Promise<void> {
    for (const row of await rows.since(seen)) {
      if (row.seq <= seen) continue
      add(row.record)
      seen = row.seq
    }
  }
  const refresh = () => (loading ??= catchUp().finally(() => (loading = undefined)))
  let loaded: Promise<void> | undefined
  const ready = () => (loaded ??= refresh())

  interface Staged {
    readonly record: TransferRecord
    readonly deliveryId?: string
    resolve(entry: RegisteredTransfer): void
    reject(error: unknown): void
  }
  /** Keeps `seen` in step with rows this process wrote (seqs aligned, undefined: not written). */
  async function advance(seqs: readonly (number | undefined)[]): Promise<void> {
    const written = seqs.filter((s): s is number => s !== undefined)
    // Nothing else was written in between: the entries are known without reading them back.
    if (!loading && written.every((s, i) => s === seen + 1 + i)) seen += written.length
    else await refresh()
  }
  let staged: Staged[] = []
  async function flush(): Promise<void> {
    const batch = staged
    staged = []
    try {
      const seqs: (number | undefined)[] = []
      for (let i = 0; i < batch.length; i += 1000)
        seqs.push(...(await rows.insert(batch.slice(i, i + 1000))))
      await advance(seqs)
      for (const [i, entry] of batch.entries()) {
        const first =
          seqs[i] === undefined ? await rows.byIntent(entry.record.intentId!) : undefined
        entry.resolve(
          first
            ? { leafIndex: first.leafIndex, record: first.record }
            : { leafIndex: null, record: entry.record },
        )
      }
    } catch (error) {
      for (const entry of batch) entry.reject(error)
    }
  }

  async function sealed(): Promise<SealedTransfer[]> {
    await rows.seal(leaf)
    await refresh()
    return (await rows.since(0)) as SealedTransfer[]
  }

  return {
    async append(record, deliveryId) {
      await ready()
      // Counted now (subjects are sets: reading the row back later counts nothing twice).
      add(record)
      const durable = new Promise<RegisteredTransfer>((resolve, reject) => {
        staged.push({ record, ...(deliveryId ? { deliveryId } : {}), resolve, reject })
      })
      if (staged.length === 1) setImmediate(() => void flush())
      return { durable }
    },
    async count(record) {
      await ready()
      add(record)
    },
    async appendWith(entries, deliveries) {
      await ready()
      await advance(await rows.insertWithDeliveries(entries, deliveries))
    },
    seal: () => rows.seal(leaf),
    unsettled: () => rows.unsettled(),
    async settleEnded() {
      await rows.seal(leaf)
      return rows.settleEnded()
    },
    list: sealed,
    async byIntent(intentId) {
      const row = await rows.byIntent(intentId)
      return row && { leafIndex: row.leafIndex, record: row.record }
    },
    async subjects(year) {
      await ready()
      return years.get(year) ?? new Map()
    },
    async verify(treeSize) {
      const entries = await sealed()
      const root = await ledger.rootHash(treeSize)
      const failed: SealedTransfer[] = []
      for (const entry of entries.filter((e) => e.leafIndex < treeSize)) {
        const proof = await ledger.inclusionProof(entry.leafIndex, treeSize)
        try {
          verifyInclusionProof(proof, hashLeaf(encode(entry.record)), root)
        } catch {
          failed.push(entry)
        }
      }
      return failed
    },
  }
}

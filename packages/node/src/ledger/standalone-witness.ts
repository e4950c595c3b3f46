import { ed25519PublicKey, fromBase64, toBase64 } from '@landsea/core/crypto'
import {
  createCosigner,
  createEd25519NoteVerifier,
  createWitness,
  formatVerifierKey,
  NOTE_SIGNATURE_TYPE,
  parseVerifierKey,
  type ForkEvidence,
  type Witness,
} from '@landsea/core/ledger'
import { createNodeSettingsStore, createWitnessStore, sealSecretsAtRest } from '@landsea/storage'
import { openDatabase, secretCipherFor } from '../create-node.js'

/** A C2SP witness outside a node, with its own database and key (`landsea witness serve`). */
export interface StandaloneWitness {
  readonly name: string
  /** Its cosignature verifier key, to give to logs and verifiers. */
  readonly witnessKey: string
  readonly witness: Witness
  evidence(): Promise<readonly ForkEvidence[]>
  close(): Promise<void>
}

/**
 * Opens a standalone witness for the logs whose verifier keys are given: its state and key live
 * in `witness.sqlite` in `dataDir` (or PostgreSQL at `databaseUrl`), its key sealed at rest as a
 * node's secrets are (`master.key` in `dataDir` or `LANDSEA_MASTER_KEY`; a key left in clear by
 * an older version is sealed on open). The composition root of the witness, as `createNode` is
 * of a node.
 */
export async function openStandaloneWitness({
  dataDir,
  databaseUrl,
  logKeys,
  name = 'witness.landsea',
}: {
  dataDir: string
  databaseUrl?: string
  logKeys: readonly string[]
  name?: string
}): Promise<StandaloneWitness> {
  const storage = databaseUrl ? { dataDir, databaseUrl } : { dataDir, file: 'witness.sqlite' }
  const cipher = secretCipherFor(storage, undefined)!
  const database = await openDatabase(storage)
  await database.withSetupLock(() => sealSecretsAtRest(database.db, cipher))
  const settings = createNodeSettingsStore(database.db, { cipher })
  const seed = await database.withSetupLock(async () => {
    const stored = await settings.get<string>('witness.seed')
    if (stored) return stored
    const created = toBase64(crypto.getRandomValues(new Uint8Array(32)))
    await settings.set('witness.seed', created)
    return created
  })
  const seedBytes = fromBase64(seed)!
  const store = createWitnessStore(database.db)
  const logs = logKeys.map((vkey) => {
    const key = parseVerifierKey(vkey)
    return { origin: key.name, verifiers: [createEd25519NoteVerifier(key)] }
  })
  return {
    name,
    witnessKey: formatVerifierKey({
      name,
      type: NOTE_SIGNATURE_TYPE.cosignatureV1,
      publicKey: ed25519PublicKey(seedBytes),
    }),
    witness: createWitness({ logs, cosigner: createCosigner({ name, seed: seedBytes }), store }),
    evidence: () => store.listEvidence(),
    close: () => database.destroy(),
  }
}

import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { ed25519PublicKey, fromBase64, toBase64 } from '@landsea/core/crypto'
import {
  createCosigner,
  createEd25519NoteVerifier,
  createWitness,
  formatVerifierKey,
  NOTE_SIGNATURE_TYPE,
  parseVerifierKey,
} from '@landsea/core/ledger'
import { createDatabase, createNodeSettingsStore, createWitnessStore } from '@landsea/storage'
import Fastify, { type FastifyInstance } from 'fastify'
import { installErrorHandler } from '../errors.js'
import { witnessRoutes } from '../routes/witness.js'

/** A witness running on its own, outside a node (`landsea witness serve`). */
export interface RunningWitness {
  readonly url: string
  readonly name: string
  /** Its cosignature verifier key, to give to logs and verifiers. */
  readonly witnessKey: string
  readonly app: FastifyInstance
  close(): Promise<void>
}

/**
 * Starts a standalone C2SP witness for the logs whose verifier keys are given: it keeps its
 * state and key in a SQLite file in `dataDir` (or PostgreSQL at `databaseUrl`) and serves
 * `POST /api/witness/add-checkpoint` and `GET /api/witness/evidence`.
 */
export async function startWitness({
  dataDir,
  databaseUrl,
  logKeys,
  name = 'witness.landsea',
  port = 8090,
  host = '127.0.0.1',
}: {
  dataDir: string
  databaseUrl?: string
  logKeys: readonly string[]
  name?: string
  port?: number
  host?: string
}): Promise<RunningWitness> {
  if (!databaseUrl) mkdirSync(dataDir, { recursive: true })
  const database = databaseUrl
    ? await createDatabase({ url: databaseUrl })
    : await createDatabase({ file: join(dataDir, 'witness.sqlite') })
  const settings = createNodeSettingsStore(database.db)
  let seed = await settings.get<string>('witness.seed')
  if (!seed) {
    seed = toBase64(crypto.getRandomValues(new Uint8Array(32)))
    await settings.set('witness.seed', seed)
  }
  const seedBytes = fromBase64(seed)!
  const store = createWitnessStore(database.db)
  const logs = logKeys.map((vkey) => {
    const key = parseVerifierKey(vkey)
    return { origin: key.name, verifiers: [createEd25519NoteVerifier(key)] }
  })
  const witness = createWitness({
    logs,
    cosigner: createCosigner({ name, seed: seedBytes }),
    store,
  })
  const app = Fastify({ logger: false })
  installErrorHandler(app)
  await app.register(witnessRoutes, {
    witness: async () => witness,
    listEvidence: () => store.listEvidence(),
  })
  await app.listen({ port, host })
  const address = app.server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  return {
    url: `http://${host}:${actualPort}/api/witness`,
    name,
    witnessKey: formatVerifierKey({
      name,
      type: NOTE_SIGNATURE_TYPE.cosignatureV1,
      publicKey: ed25519PublicKey(seedBytes),
    }),
    app,
    async close() {
      await app.close()
      await database.destroy()
    },
  }
}

import { openStandaloneWitness } from '@landsea/node'
import Fastify, { type FastifyInstance } from 'fastify'
import { installErrorHandler } from './errors.js'
import { witnessRoutes } from './routes/witness.js'

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
  port = 8090,
  host = '127.0.0.1',
  ...options
}: {
  dataDir: string
  databaseUrl?: string
  logKeys: readonly string[]
  name?: string
  port?: number
  host?: string
}): Promise<RunningWitness> {
  const witness = await openStandaloneWitness(options)
  const app = Fastify({ logger: false })
  installErrorHandler(app)
  await app.register(witnessRoutes, {
    witness: async () => witness.witness,
    listEvidence: () => witness.evidence(),
  })
  await app.listen({ port, host })
  const address = app.server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  return {
    url: `http://${host}:${actualPort}/api/witness`,
    name: witness.name,
    witnessKey: witness.witnessKey,
    app,
    async close() {
      await app.close()
      await witness.close()
    },
  }
}

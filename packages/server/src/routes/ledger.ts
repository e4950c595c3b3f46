import { toBase64 } from '@landsea/core/crypto'
import type { TitleRegistry } from '@landsea/core/ebl'
import { LedgerError, type StoredCheckpoint } from '@landsea/core/ledger'
import { Type } from '@sinclair/typebox'
import { ApiError } from '../errors.js'
import type { NodeLedger } from '@landsea/node'
import type { RoutePlugin } from '../route-plugin.js'
import { errorResponses } from '../schemas.js'

/** Dependencies of the ledger routes. */
export interface LedgerRoutesOptions {
  readonly ledger: NodeLedger
  /** The title registry, for the chain head of a bill (freshness checks of bundles). */
  readonly registry: TitleRegistry
}

const Size = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })
const Hashes = Type.Array(Type.String({ description: 'base64 SHA-256' }))
const CheckpointSchema = Type.Object({
  treeSize: Type.Integer(),
  rootHash: Type.String({ description: 'base64' }),
  note: Type.String({ description: 'C2SP signed note: log signature, then witness cosignatures' }),
  createdAt: Type.String(),
})
const KeysSchema = Type.Object({
  origin: Type.String(),
  logKey: Type.String({ description: 'Ed25519 note verifier key of the log' }),
  witnessName: Type.String(),
  witnessKey: Type.String({ description: 'Ed25519 cosignature (type 0x04) verifier key' }),
})
const PeerSchema = Type.Object({
  url: Type.String(),
  origin: Type.String(),
  logKey: Type.String(),
  witnessKey: Type.String(),
})

const toJson = (c: StoredCheckpoint) => ({ ...c, rootHash: toBase64(c.rootHash) })

/**
 * The node's Merkle log: keys, checkpoints, inclusion and consistency proofs, leaves, peers.
 * Reads are public (they reveal hashes, not documents); changes need the node operator.
 */
export const ledgerRoutes: RoutePlugin<LedgerRoutesOptions> = async (app, { ledger, registry }) => {
  app.get(
    '/api/ledger/keys',
    {
      schema: {
        tags: ['ledger'],
        summary: 'The log origin and the public keys of the log and of the node’s witness',
        response: { 200: KeysSchema },
      },
    },
    async () => ledger.keys,
  )

  app.get(
    '/api/ledger/checkpoint',
    {
      schema: {
        tags: ['ledger'],
        summary: 'The latest signed checkpoint (C2SP tlog-checkpoint) with its cosignatures',
        response: { 200: CheckpointSchema, ...errorResponses(404) },
      },
    },
    async () => {
      const latest = await ledger.latestCheckpoint()
      if (!latest) throw new LedgerError('LEDGER_CHECKPOINT_NOT_FOUND', 'no checkpoint yet')
      return toJson(latest)
    },
  )

  app.post(
    '/api/ledger/checkpoint',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['ledger'],
        summary: 'Sign a checkpoint of the whole log now and collect peers’ cosignatures',
        response: { 201: CheckpointSchema, ...errorResponses(401, 403) },
      },
    },
    async (_request, reply) => {
      const checkpoint = await ledger.checkpoint({ minTreeSize: await ledger.treeSize() })
      return reply.status(201).send(toJson(checkpoint))
    },
  )

  const InclusionQuery = Type.Object(
    { leafIndex: Size, treeSize: Size },
    { additionalProperties: false },
  )
  app.get(
    '/api/ledger/proofs/inclusion',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Inclusion proof of a leaf in the tree of a given size (RFC 9162 §2.1.3)',
        querystring: InclusionQuery,
        response: {
          200: Type.Object({ leafIndex: Type.Integer(), treeSize: Type.Integer(), hashes: Hashes }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => {
      const { leafIndex, treeSize } = request.query
      const proof = await ledger.inclusionProof(leafIndex, treeSize)
      return { ...proof, hashes: proof.hashes.map(toBase64) }
    },
  )

  const ConsistencyQuery = Type.Object({ from: Size, to: Size }, { additionalProperties: false })
  app.get(
    '/api/ledger/proofs/consistency',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Consistency proof between two tree sizes (RFC 9162 §2.1.4)',
        querystring: ConsistencyQuery,
        response: {
          200: Type.Object({ size1: Type.Integer(), size2: Type.Integer(), hashes: Hashes }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => {
      const { from, to } = request.query
      const proof = await ledger.consistencyProof(from, to)
      return { ...proof, hashes: proof.hashes.map(toBase64) }
    },
  )

  const LeavesQuery = Type.Object(
    { start: Size, end: Type.Optional(Size) },
    { additionalProperties: false },
  )
  app.get(
    '/api/ledger/leaves',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Leaf hashes of a range of at most 1,000 leaves, for monitors',
        querystring: LeavesQuery,
        response: {
          200: Type.Object({ start: Type.Integer(), leafHashes: Hashes }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => {
      const { start, end } = request.query
      return { start, leafHashes: (await ledger.leafHashes(start, end)).map(toBase64) }
    },
  )

  app.get(
    '/api/ledger/documents/:documentChecksum/head',
    {
      schema: {
        tags: ['ledger'],
        summary: 'How many actions a bill has now, by its document checksum (bundle freshness)',
        params: Type.Object({ documentChecksum: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
        response: {
          200: Type.Object({
            actions: Type.Integer(),
            lastEntryChecksum: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const { documentChecksum } = request.params
      const head = await registry.chainHead(documentChecksum)
      if (!head) throw new ApiError('NOT_FOUND', 'no bill with this document checksum')
      return head
    },
  )

  app.get(
    '/api/ledger/peers',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Peer nodes: logs this node witnesses, witnesses it asks to cosign',
        response: { 200: Type.Object({ peers: Type.Array(PeerSchema) }) },
      },
    },
    async () => ({ peers: await ledger.peers() }),
  )

  const PeerBody = Type.Object(
    { url: Type.String({ pattern: '^https?://', description: 'Base URL of the peer node' }) },
    { additionalProperties: false },
  )
  app.post(
    '/api/ledger/peers',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['ledger'],
        summary: 'Peer with another node: witness its log and ask its witness to cosign ours',
        body: PeerBody,
        response: { 201: PeerSchema, ...errorResponses(400, 401, 403, 424) },
      },
    },
    async (request, reply) => {
      const peer = await ledger.addPeerAt(request.body.url)
      return reply.status(201).send(peer)
    },
  )
}

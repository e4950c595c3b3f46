import type { SigningKeyPair } from '@landsea/core/crypto'
import {
  buildEnvelope,
  peekPintJws,
  verifyPintJws,
  type PintEnvelope,
  type PintTransaction,
  type PlatformKeys,
} from '@landsea/core/pint'
import { validatePint, type DemoSeed, type LandseaNode } from '@landsea/node'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect } from 'vitest'
import { CQ, issueOnChongqing, network, SG, startPintNodes, type Wire } from './pint-network.js'
import { as } from './test-node.js'

/** Checks a PINT exchange against the standard's schemas and, when signed, the signature. */
export async function expectConformant(exchange: Wire, receiverKeys: PlatformKeys) {
  if (exchange.method === 'POST' && exchange.path === '/v3/envelopes') {
    const envelope = JSON.parse(exchange.body!) as PintEnvelope
    expect(validatePint('EblEnvelope', envelope)).toEqual([])
    expect(
      validatePint('EnvelopeManifest', peekPintJws(envelope.envelopeManifestSignedContent)),
    ).toEqual([])
    for (const entry of envelope.envelopeTransferChain)
      expect(validatePint('EnvelopeTransferChainEntry', peekPintJws(entry))).toEqual([])
  }
  if (exchange.status === 201) {
    expect(validatePint('EnvelopeTransferStartedResponse', JSON.parse(exchange.response))).toEqual(
      [],
    )
  } else if (exchange.status !== 204) {
    const response = await verifyPintJws(JSON.parse(exchange.response) as string, receiverKeys)
    expect(response, exchange.response).toBeDefined()
    expect(validatePint('EnvelopeTransferFinishedResponse', response)).toEqual([])
  }
}

/** The Singapore consignee, as a PINT transfer names it. */
export const toConsignee = {
  platform: 'LSSG',
  codeListProvider: 'ZZZ',
  codeListName: 'UEN',
  partyCode: '201912345R',
}

/** A Chongqing and a Singapore node that know each other, and what a test needs to drive them. */
export interface PintPair {
  readonly apps: Map<string, FastifyInstance>
  readonly nodes: LandseaNode[]
  /** Every PINT exchange so far; a test may empty it. */
  readonly wire: Wire[]
  /** The origins the network drops. */
  readonly down: Set<string>
  cq: FastifyInstance
  sg: FastifyInstance
  cqSeed: DemoSeed
  sgSeed: DemoSeed
  cqKeys: PlatformKeys
  sgKeys: PlatformKeys
  /** Chongqing's platform signing key. */
  cqKey: SigningKeyPair
}

/**
 * Starts the pair before the enclosing `describe`'s tests (each operator adds the other platform to
 * its directory) and closes it after them; the fields are set once `beforeAll` has run.
 */
export function usePintPair(kind: 'sqlite' | 'postgres'): PintPair {
  const pair = { apps: new Map(), nodes: [], wire: [], down: new Set() } as unknown as PintPair
  beforeAll(async () => {
    const started = await startPintNodes(kind, pair.apps, network(pair.apps, pair.wire, pair.down))
    pair.nodes.push(...started.nodes)
    ;[pair.cqSeed, pair.sgSeed] = started.seeds
    pair.cq = pair.apps.get(CQ)!
    pair.sg = pair.apps.get(SG)!
    pair.cqKeys = (await pair.cq.inject({ url: '/api/pint/platform' })).json().jwks
    pair.sgKeys = (await pair.sg.inject({ url: '/api/pint/platform' })).json().jwks
    const platform = await started.nodes[0].settings.get<{ keys: SigningKeyPair[] }>(
      'pint-platform',
    )
    pair.cqKey = platform!.keys.at(-1)!
    for (const [app, seed, code, name, url, jwks] of [
      [pair.cq, pair.cqSeed, 'LSSG', 'Singapore node', SG, pair.sgKeys],
      [pair.sg, pair.sgSeed, 'LSCQ', 'Chongqing node', CQ, pair.cqKeys],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/pint/platforms',
        headers: as(seed, 'operator'),
        payload: { code, name, url, jwks },
      })
      expect(res.statusCode, res.body).toBe(201)
    }
  })
  afterAll(async () => {
    for (const app of pair.apps.values()) await app.close()
    for (const node of pair.nodes) await node.close()
  })
  return pair
}

/** Posts an envelope to Singapore and reads the signed answer. */
export async function postEnvelope(pair: PintPair, envelope: unknown) {
  const res = await pair.sg.inject({
    method: 'POST',
    url: '/v3/envelopes',
    payload: envelope as object,
  })
  const body: unknown = res.json()
  const signed = typeof body === 'string' ? await verifyPintJws(body, pair.sgKeys) : undefined
  return { status: res.statusCode, body, signed: signed as Record<string, unknown> | undefined }
}

/** An envelope of a Chongqing bill, signed by Chongqing, to Singapore's consignee, built by hand. */
export async function craft(
  pair: PintPair,
  billId: string,
  {
    to = 'LSSG',
    key = pair.cqKey,
    documents = [],
    extra = [],
    final,
  }: {
    to?: string
    key?: SigningKeyPair
    documents?: { name: string; size: number; mediaType: string; documentChecksum: string }[]
    extra?: PintTransaction[]
    /** The transactions after `extra`; by default the shipper endorses and transfers to `to`'s consignee. */
    final?: (shipper: PintTransaction['actor']) => PintTransaction[]
  } = {},
) {
  const record = await pair.nodes[0]!.registry.get(billId)
  const party = (name: string, partyCode: string) => ({
    partyName: name,
    eblPlatform: 'LSCQ',
    identifyingCodes: [{ codeListProvider: 'ZZZ', codeListName: 'USCC', partyCode }],
  })
  const carrier = party('Carrier', '91500000MA5U7K3Q8Y')
  const shipper = party('Shipper', '91500105MA60LT2B1B')
  return buildEnvelope({
    transportDocument: record.document as unknown as Record<string, unknown>,
    platform: 'LSCQ',
    key,
    supportingDocuments: documents,
    transactions: [
      {
        actionCode: 'ISSUE',
        actor: carrier,
        recipient: shipper,
        actionDateTime: '2026-05-01T08:00:00Z',
      },
      ...extra,
      ...(final?.(shipper) ??
        (['ENDORSE_TO_ORDER', 'TRANSFER'] as const).map((actionCode) => ({
          actionCode,
          actor: shipper,
          recipient: {
            partyName: 'Lion City Electronics Pte. Ltd.',
            eblPlatform: to,
            identifyingCodes: [
              { codeListProvider: 'ZZZ', codeListName: 'UEN', partyCode: '201912345R' },
            ],
          },
          actionDateTime: '2026-05-02T08:00:00Z',
        }))),
    ],
  })
}

let serial = 0
/** A new bill on the Chongqing node, issued to the shipper; its reference new in this file. */
export async function freshBill(pair: PintPair) {
  const reference = `LSPINT${String(++serial).padStart(6, '0')}`
  return (await issueOnChongqing(pair.nodes[0]!, pair.cqSeed, reference)).id
}

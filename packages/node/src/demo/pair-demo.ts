import { createSampleCorridorBill, type ActionCode, type PledgeFlag } from '@landsea/core/ebl'
import type { LandseaNode } from '../create-node.js'
import { seedIdentityDemo } from '../identity/demo-identity.js'
import { registerOrganisation } from '../organisations/organisation-registration.js'
import { pintChecksumOf } from '../pint/pint-import.js'
import { identifyingCodesOf } from '../pint/pint-parties.js'
import type { PintRecipient } from '../pint/pint-sending.js'
import { DEMO_ORGANISATIONS, type DemoRole } from './demo-organisations.js'

/** The two nodes of the corridor, each its own PINT platform: Chongqing and Singapore. */
export const PAIR_SIDES = {
  chongqing: {
    platform: 'LSCQ',
    jurisdiction: 'CN',
    roles: ['operator', 'carrier', 'shipper', 'cnBank', 'broker'],
  },
  singapore: {
    platform: 'LSSG',
    jurisdiction: 'SG',
    roles: ['operator', 'consignee', 'sgBank'],
  },
} as const satisfies Record<
  string,
  { platform: string; jurisdiction: string; roles: readonly DemoRole[] }
>

/** A side of the pair: its node and the URL other platforms reach it at. */
export interface PairNode {
  readonly node: LandseaNode
  readonly url: string
}

/** The demo organisations one node serves: id, name and API key by role. */
export type SideOrganisations = Partial<
  Record<DemoRole, { readonly id: string; readonly name: string; readonly apiKey: string }>
>

/**
 * Sets up the corridor pair on two empty nodes: each side's organisations (the Singapore consignee
 * and bank on the Singapore node) with their identity evidence, each platform in the other's
 * directory, and each node witnessing the other's ledger.
 */
export async function setUpCorridorPair(
  cq: PairNode,
  sg: PairNode,
): Promise<{ chongqing: SideOrganisations; singapore: SideOrganisations }> {
  const sides = { chongqing: cq, singapore: sg }
  const result = { chongqing: {} as SideOrganisations, singapore: {} as SideOrganisations }
  for (const [side, { node }] of Object.entries(sides) as [keyof typeof sides, PairNode][]) {
    for (const role of PAIR_SIDES[side].roles) {
      const { organisation, apiKey } = await registerOrganisation(
        node.organisations,
        DEMO_ORGANISATIONS[role],
      )
      result[side][role] = { id: organisation.id, name: organisation.name, apiKey }
    }
    await seedIdentityDemo(node.identityService, {
      organisations: await node.organisations.list(),
      jurisdiction: PAIR_SIDES[side].jurisdiction,
    })
    await node.identityService.updateSettings({ requireVerifiedParties: true })
  }
  for (const [self, other, name] of [
    [cq, sg, 'Singapore node'],
    [sg, cq, 'Chongqing node'],
  ] as const) {
    const peer = await other.node.pint.platform()
    await self.node.pint.addPlatform({
      code: peer.code,
      name,
      url: other.url,
      jwks: peer.jwks,
      parties: [],
    })
    await self.node.ledger.addPeerAt(other.url)
  }
  await registerPairBasis(sg.node, (await cq.node.pint.platform()).code)
  return result
}

/**
 * The Singapore node's legal basis for bills it sends to the Chongqing platform by PINT. PDPA s. 26
 * lets personal data leave Singapore only to a recipient bound by legally enforceable obligations
 * (PDPR 2021 reg 10(1)(b): a contract); in the corridor that is the contract of carriage the bill
 * evidences. The demo registers it; an operator registers its own (`landsea privacy policy set`).
 * China's side needs none below the CAC exemption threshold (docs/privacy.md).
 */
export async function registerPairBasis(singapore: LandseaNode, chongqingPlatform: string) {
  const policy = await singapore.privacy.policy()
  const id = 'demo-contract-of-carriage'
  if (policy.bases.some((b) => b.id === id)) return
  await singapore.privacy.setPolicy({
    ...policy,
    bases: [
      ...policy.bases,
      {
        id,
        kind: 'pdpa-contract',
        exporter: '*',
        recipient: `pint:${chongqingPlatform}`,
        recipientCountry: 'CN',
        purposes: ['title-transfer'],
        reference: 'Demo: the contract of carriage evidenced by the bill of lading',
      },
    ],
  })
}

/** A demo organisation as the recipient of a PINT transfer to the platform of its side. */
export function pairRecipient(role: DemoRole): PintRecipient {
  const registration = DEMO_ORGANISATIONS[role]
  const platform = (PAIR_SIDES.singapore.roles as readonly DemoRole[]).includes(role)
    ? PAIR_SIDES.singapore.platform
    : PAIR_SIDES.chongqing.platform
  const code = identifyingCodesOf(registration)[0]!
  return { platform, partyName: registration.name, ...code }
}

/** One step of the pair journey: a title action on the node that holds the bill, or a PINT transfer. */
export interface PairStep {
  readonly say: string
  readonly side: keyof typeof PAIR_SIDES
  readonly action: ActionCode
  readonly actor: DemoRole
  readonly recipient?: DemoRole
  readonly pledge?: PledgeFlag
  /** The recipient is on the other platform: the bill leaves by PINT. */
  readonly crosses?: boolean
}

/** The title journey of a corridor bill across the pair (DESIGN.md, issue 11). */
export const PAIR_JOURNEY: readonly PairStep[] = [
  {
    say: 'The carrier issues the to-order bill to the shipper',
    side: 'chongqing',
    action: 'ISSUE',
    actor: 'carrier',
    recipient: 'shipper',
  },
  {
    say: 'The shipper endorses it to its bank',
    side: 'chongqing',
    action: 'ENDORSE_TO_ORDER',
    actor: 'shipper',
    recipient: 'cnBank',
  },
  {
    say: 'The shipper pledges it to the bank under the letter of credit',
    side: 'chongqing',
    action: 'TRANSFER',
    actor: 'shipper',
    recipient: 'cnBank',
    pledge: 'PLEDGE',
  },
  {
    say: 'The bank, paid, endorses the bill across to the Singapore consignee and releases its pledge (PINT to the Singapore node)',
    side: 'chongqing',
    action: 'ENDORSE_TO_ORDER',
    actor: 'cnBank',
    recipient: 'consignee',
    pledge: 'RELEASE',
    crosses: true,
  },
  {
    say: 'On the Singapore node the consignee endorses it to its bank',
    side: 'singapore',
    action: 'ENDORSE_TO_ORDER',
    actor: 'consignee',
    recipient: 'sgBank',
  },
  {
    say: 'and pledges it for import financing',
    side: 'singapore',
    action: 'TRANSFER',
    actor: 'consignee',
    recipient: 'sgBank',
    pledge: 'PLEDGE',
  },
  {
    say: 'The Singapore bank, repaid, endorses it back to the consignee',
    side: 'singapore',
    action: 'ENDORSE_TO_ORDER',
    actor: 'sgBank',
    recipient: 'consignee',
  },
  {
    say: 'and releases its pledge',
    side: 'singapore',
    action: 'TRANSFER',
    actor: 'sgBank',
    recipient: 'consignee',
    pledge: 'RELEASE',
  },
  {
    say: 'The consignee surrenders it for delivery to the carrier on the Chongqing node (PINT back)',
    side: 'singapore',
    action: 'SURRENDER_FOR_DELIVERY',
    actor: 'consignee',
    recipient: 'carrier',
    crosses: true,
  },
  {
    say: 'The carrier accepts the surrender on its node; the container can be released',
    side: 'chongqing',
    action: 'SACC',
    actor: 'carrier',
  },
]

/**
 * Takes one step of {@link PAIR_JOURNEY} on a bill: a title action on the node of its side, or a
 * transfer to the other platform. Returns the bill's id on the node that holds it afterwards.
 */
export async function takePairStep(
  pair: { chongqing: PairNode; singapore: PairNode },
  ids: { chongqing: SideOrganisations; singapore: SideOrganisations },
  billId: string,
  step: PairStep,
): Promise<{ id: string; side: keyof typeof PAIR_SIDES; detail: string }> {
  const here = pair[step.side].node
  const actor = ids[step.side][step.actor]!.id
  if (!step.crosses) {
    const recipient = step.recipient ? ids[step.side][step.recipient]!.id : undefined
    const { entry } = await here.registry.act({
      documentId: billId,
      actor,
      action: step.action,
      ...(recipient ? { recipient } : {}),
      ...(step.pledge ? { pledge: step.pledge } : {}),
    })
    return { id: billId, side: step.side, detail: `entry ${entry.entryChecksum.slice(0, 16)}…` }
  }
  const transfer = await here.pint.transferOut({
    documentId: billId,
    actor,
    action: step.action,
    recipient: pairRecipient(step.recipient!),
    ...(step.pledge ? { pledge: step.pledge } : {}),
  })
  if (transfer.status !== 'TRANSFERRED')
    throw new Error(`the transfer was not accepted: ${transfer.lastError ?? transfer.responseCode}`)
  const there = step.side === 'chongqing' ? 'singapore' : 'chongqing'
  const sent = await here.registry.get(billId)
  // The same bill there: the same DCSA transport document (each node commits personal fields
  // under its own salts, docs/privacy.md).
  const arrived = await pair[there].node.registry.list({ q: sent.reference })
  const id = arrived.find((b) => pintChecksumOf(b) === pintChecksumOf(sent))!.id
  return {
    id,
    side: there,
    detail: `${transfer.responseCode} signed by ${transfer.platform}, chain entry ${transfer.lastEntryChecksum.slice(0, 16)}…`,
  }
}

/** Seeds the pair for `start-pair`: the organisations, and corridor bills at points of the journey. */
export async function seedPairDemo(pair: {
  chongqing: PairNode
  singapore: PairNode
}): Promise<{ chongqing: SideOrganisations; singapore: SideOrganisations }> {
  const ids = await setUpCorridorPair(pair.chongqing, pair.singapore)
  const cq = pair.chongqing.node
  const stamp = new Date().toISOString().slice(2, 10).replace(/-/g, '')
  // Issued and pledged, held in Singapore, and back in Chongqing surrendered: 3, 4 and 10 steps.
  for (const [n, steps] of [3, 4, PAIR_JOURNEY.length].entries()) {
    const carrier = ids.chongqing.carrier!
    const draft = await cq.registry.createDraft({
      document: createSampleCorridorBill({
        reference: `LSPAIR${stamp}${String(n + 1).padStart(4, '0')}`,
        carrier: carrier.id,
        shipper: ids.chongqing.shipper!.id,
        partyNames: { carrier: carrier.name, shipper: ids.chongqing.shipper!.name },
      }),
      carrier: carrier.id,
    })
    let id = draft.id
    for (const step of PAIR_JOURNEY.slice(0, steps))
      id = (await takePairStep(pair, ids, id, step)).id
  }
  return ids
}

import { createSampleCorridorBill, type ActionRequest } from '@landsea/core/ebl'
import type { LandseaNode } from '../create-node.js'
import { registerOrganisation } from '../organisations/organisation-registration.js'
import { DEMO_ORGANISATIONS, type DemoRole } from './demo-organisations.js'
import { seedIdentityDemo } from '../identity/demo-identity.js'
import { seedTrackingDemo, type DemoShipmentBill } from './tracking-demo.js'

/** What the demo seed created: each demo organisation's id and API key, and the bills. */
export interface DemoSeed {
  readonly organisations: Readonly<
    Record<DemoRole, { readonly id: string; readonly name: string; readonly apiKey: string }>
  >
  readonly bills: readonly {
    readonly id: string
    readonly reference: string
    readonly stage: string
  }[]
}

type Step = Omit<ActionRequest, 'documentId' | 'actor' | 'recipient'> & {
  actor: DemoRole
  recipient?: DemoRole
}

/**
 * Seeds a node with the demo corridor: organisations of both countries and bills at different points of the
 * reference journey (DESIGN.md). Only on an empty node; returns undefined when organisations already exist.
 */
export async function seedDemo(
  node: LandseaNode,
  { withTracking = true }: { withTracking?: boolean } = {},
): Promise<DemoSeed | undefined> {
  // Several processes may start at once on one empty database: one seeds, the others find it seeded.
  return node.withSetupLock(() => seedEmptyNode(node, { withTracking }))
}

async function seedEmptyNode(
  node: LandseaNode,
  { withTracking }: { withTracking: boolean },
): Promise<DemoSeed | undefined> {
  if ((await node.organisations.listOrganisationIds()).length > 0) return undefined
  const organisations = {} as Record<DemoRole, { id: string; name: string; apiKey: string }>
  for (const [role, registration] of Object.entries(DEMO_ORGANISATIONS) as [
    DemoRole,
    (typeof DEMO_ORGANISATIONS)[DemoRole],
  ][]) {
    const { organisation, apiKey } = await registerOrganisation(node.organisations, registration)
    organisations[role] = { id: organisation.id, name: organisation.name, apiKey }
  }
  // Identity first: every demo organisation gets a verified legal-entity credential (docs/identity.md).
  await seedIdentityDemo(node.identityService, {
    organisations: await node.organisations.list(),
    jurisdiction: node.identity.jurisdiction,
  })
  // Only organisations with a verified legal-entity credential may be parties to a bill (issue 4).
  await node.identityService.updateSettings({ requireVerifiedParties: true })
  const id = (role: DemoRole) => organisations[role].id
  const stamp = new Date().toISOString().slice(2, 10).replace(/-/g, '')
  const bills: { id: string; reference: string; stage: string }[] = []
  const shipments: DemoShipmentBill[] = []

  const act = async (documentId: string, steps: Step[]) => {
    for (const { actor, recipient, ...rest } of steps) {
      await node.registry.act({
        ...rest,
        documentId,
        actor: id(actor),
        ...(recipient ? { recipient: id(recipient) } : {}),
      })
    }
  }
  const bill = async (
    n: number,
    stage: string,
    steps: Step[],
    options: { isToOrder?: boolean; portOfDischarge?: string; equipmentReference?: string } = {},
  ) => {
    const reference = `LSCKG${stamp}${String(n).padStart(4, '0')}`
    const record = await node.registry.createDraft({
      document: createSampleCorridorBill({
        reference,
        carrier: id('carrier'),
        shipper: id('shipper'),
        partyNames: {
          carrier: organisations.carrier.name,
          shipper: organisations.shipper.name,
          consignee: organisations.consignee.name,
        },
        ...(options.isToOrder === false ? { consignee: id('consignee'), isToOrder: false } : {}),
        ...(options.portOfDischarge ? { portOfDischarge: options.portOfDischarge } : {}),
        ...(options.equipmentReference ? { equipmentReference: options.equipmentReference } : {}),
      }),
      carrier: id('carrier'),
    })
    await act(record.id, steps)
    bills.push({ id: record.id, reference, stage })
    if (steps.length > 0) {
      shipments.push({
        reference,
        ...(options.equipmentReference ? { equipmentReference: options.equipmentReference } : {}),
        ...(options.portOfDischarge ? { portOfDischarge: options.portOfDischarge } : {}),
      })
    }
  }

  const issue: Step = { action: 'ISSUE', actor: 'carrier', recipient: 'shipper' }
  const pledge: Step[] = [
    { action: 'ENDORSE_TO_ORDER', actor: 'shipper', recipient: 'cnBank' },
    { action: 'TRANSFER', actor: 'shipper', recipient: 'cnBank', pledge: 'PLEDGE' },
  ]
  await bill(1, 'pledged to the Chongqing bank under an L/C', [issue, ...pledge], {
    equipmentReference: 'MSKU7382940',
  })
  await bill(2, 'issued to the shipper', [issue], { equipmentReference: 'CSQU3054383' })
  // The delivered bill is pledged once its shipment's emissions claim exists (below): a
  // green-linked pledge cites that claim (docs/emissions.md).
  await bill(3, 'delivered in Singapore', [issue, pledge[0]!], {
    equipmentReference: 'TGHU1234567',
  })
  await bill(
    4,
    'straight bill held by the Singapore consignee',
    [issue, { action: 'TRANSFER', actor: 'shipper', recipient: 'consignee' }],
    { isToOrder: false, equipmentReference: 'TCLU9876543' },
  )
  await bill(5, 'draft, not yet issued', [], {
    portOfDischarge: 'MYPKG',
    equipmentReference: 'OOLU1122335',
  })
  // Visibility: corridor history for the ETA model and a live shipment per demo bill (docs/tracking.md).
  if (withTracking) await seedTrackingDemo(node.tracking, { bills: shipments })
  // The delivered bill's shipment is finished: its verifiable emissions claim travels in the
  // consignee's bundle, and the bank's pledge is green-linked to it (docs/emissions.md).
  const delivered = bills.find((b) => b.stage === 'delivered in Singapore')!
  const claim = withTracking
    ? await node.emissions.issueClaim(delivered.reference, { teu: 2 })
    : undefined
  const greenLink = claim?.id
    ? await node.emissions.greenLink(delivered.reference, claim.id)
    : undefined
  await act(delivered.id, [
    { ...pledge[1]!, ...(greenLink ? { greenLink } : {}) },
    { action: 'ENDORSE', actor: 'cnBank', recipient: 'consignee' },
    { action: 'TRANSFER', actor: 'cnBank', recipient: 'consignee', pledge: 'RELEASE' },
    { action: 'SURRENDER_FOR_DELIVERY', actor: 'consignee' },
    { action: 'SACC', actor: 'carrier', recipient: 'consignee' },
  ])
  return { organisations, bills }
}

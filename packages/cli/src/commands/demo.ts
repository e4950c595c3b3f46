import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { initEd25519Verifier } from '@landsea/core/crypto'
import { createSampleCorridorBill, type ActionRequest } from '@landsea/core/ebl'
import { estimateEta, journeyFromEvents } from '@landsea/core/eta'
import { simulateBookings } from '@landsea/core/simulation'
import { toBatchItems, type TrackingEvent } from '@landsea/core/tracking'
import { verifyBundle } from '@landsea/core/verify'
import { startNode, type RunningNode } from '@landsea/server'
import {
  DEMO_ORGANISATIONS,
  registerOrganisation,
  seedIdentityDemo,
  seedTrackingDemo,
  type DemoRole,
  type LandseaNode,
} from '@landsea/node'
import { Command } from 'commander'
import { CliError } from '../cli-error.js'

const DAY = 86_400_000

type TitleStep = { say: string } & Omit<ActionRequest, 'documentId' | 'actor' | 'recipient'> & {
    actor: DemoRole
    recipient?: DemoRole
  }

/** The title side of the reference journey (DESIGN.md), before and after the voyage. */
const BEFORE_DEPARTURE: readonly TitleStep[] = [
  {
    say: 'The carrier issues the to-order bill to the shipper',
    action: 'ISSUE',
    actor: 'carrier',
    recipient: 'shipper',
  },
  {
    say: 'The shipper endorses it to its bank',
    action: 'ENDORSE_TO_ORDER',
    actor: 'shipper',
    recipient: 'cnBank',
  },
  {
    say: 'The shipper pledges it to the bank under the letter of credit',
    action: 'TRANSFER',
    actor: 'shipper',
    recipient: 'cnBank',
    pledge: 'PLEDGE',
  },
]
const AFTER_ARRIVAL: readonly TitleStep[] = [
  {
    say: 'The bank, paid, endorses the bill to the Singapore consignee',
    action: 'ENDORSE',
    actor: 'cnBank',
    recipient: 'consignee',
  },
  {
    say: 'The bank releases the pledge and delivers the bill to the consignee',
    action: 'TRANSFER',
    actor: 'cnBank',
    recipient: 'consignee',
    pledge: 'RELEASE',
  },
  {
    say: 'The consignee surrenders it for delivery',
    action: 'SURRENDER_FOR_DELIVERY',
    actor: 'consignee',
  },
  {
    say: 'The carrier accepts the surrender; the container can be released',
    action: 'SACC',
    actor: 'carrier',
    recipient: 'consignee',
  },
]

/** The fields of a T&T event (or our customs extension) the demo reads. */
interface EventView {
  readonly eventType?: string
  readonly eventClassifierCode?: string
  readonly transportEventTypeCode?: string
  readonly equipmentEventTypeCode?: string
  readonly equipmentReference?: string
  readonly customsMilestone?: {
    milestoneCode: string
    authority: string
    declarationNumber: string
  }
  readonly transportCall?: { UNLocationCode?: string; modeOfTransport?: string }
  readonly eventLocation?: { UNLocationCode?: string }
}

const view = (e: TrackingEvent) => e as unknown as EventView

const hhmm = (iso: string) => `${iso.slice(5, 10)} ${iso.slice(11, 16)}Z`

/** One line for a tracking event worth telling a person about, or undefined. */
function describeEvent(e: TrackingEvent): string | undefined {
  const x = view(e)
  if (x.eventClassifierCode !== 'ACT') return undefined
  if (x.customsMilestone) {
    return `customs ${x.customsMilestone.authority}: ${String(x.customsMilestone.milestoneCode).toLowerCase().replace(/_/g, ' ')} (${x.customsMilestone.declarationNumber})`
  }
  if (x.eventType === 'TRANSPORT') {
    const what = x.transportEventTypeCode === 'DEPA' ? 'departs' : 'arrives at'
    const by = x.transportCall?.modeOfTransport === 'RAIL' ? 'train' : 'vessel'
    return `${by} ${what} ${x.transportCall?.UNLocationCode}`
  }
  if (x.eventType === 'EQUIPMENT' && ['GTOT', 'DISC'].includes(x.equipmentEventTypeCode ?? '')) {
    return `container ${x.equipmentReference} ${x.equipmentEventTypeCode === 'GTOT' ? 'gates out' : 'discharged'} at ${x.eventLocation?.UNLocationCode ?? x.transportCall?.UNLocationCode}`
  }
  return undefined
}

/**
 * `landsea demo`: the reference journey end to end on two nodes (Chongqing and Singapore) on this machine:
 * verified organisations, the bill's title actions, customs and rail–sea events with a narrowing ETA, the
 * ledger witnessed across the border, and the bill's bundle verified offline (and a tampered copy refused).
 */
export function demoCommand(): Command {
  return new Command('demo')
    .option('--data <dir>', 'a new, empty data folder (default: a temporary folder)')
    .action(async (options) => {
      const dataDir: string = options.data ?? mkdtempSync(join(tmpdir(), 'landsea-demo-'))
      if (options.data && existsSync(dataDir) && readdirSync(dataDir).length > 0) {
        throw new CliError(
          'DEMO_DATA_NOT_EMPTY',
          `${dataDir} is not empty; the demo needs a fresh folder`,
        )
      }
      const out = (line = '') => process.stdout.write(`${line}\n`)
      const running: RunningNode[] = []
      try {
        for (const [name, jurisdiction, folder] of [
          ['Chongqing node', 'CN', 'chongqing'],
          ['Singapore node', 'SG', 'singapore'],
        ] as const) {
          running.push(
            await startNode({
              port: 0,
              seed: false,
              dataDir: join(dataDir, folder),
              identity: { name, jurisdiction },
              // The demo's two nodes peer over loopback.
              outbound: { allowLoopback: true },
            }),
          )
        }
        const [cq, sg] = running as [RunningNode, RunningNode]
        await cq.node.ledger.addPeerAt(sg.url)
        await sg.node.ledger.addPeerAt(cq.url)
        out(`Landsea demo — data in ${dataDir}`)
        out(`  Chongqing node ${cq.url} and Singapore node ${sg.url} witness each other's ledger.`)
        out()

        const node = cq.node
        const ids = {} as Record<DemoRole, string>
        const keys = {} as Record<DemoRole, string>
        for (const [role, registration] of Object.entries(DEMO_ORGANISATIONS) as [
          DemoRole,
          (typeof DEMO_ORGANISATIONS)[DemoRole],
        ][]) {
          const { organisation, apiKey } = await registerOrganisation(
            node.organisations,
            registration,
          )
          ids[role] = organisation.id
          keys[role] = apiKey
          out(
            `  registered ${organisation.country} ${role.padEnd(9)} ${organisation.name} / ${organisation.nameZh}`,
          )
        }
        await seedIdentityDemo(node.identityService, {
          organisations: await node.organisations.list(),
          jurisdiction: 'CN',
        })
        out(
          '  each holds a legal-entity credential from its own jurisdiction’s registrar; CN and SG trust lists recognise each other',
        )
        const history = await seedTrackingDemo(node.tracking, { bills: [] })
        out(`  corridor history for the ETA model: ${history} events`)
        out()

        const reference = 'LSDEMO0001'
        const draft = await node.registry.createDraft({
          document: createSampleCorridorBill({
            reference,
            carrier: ids.carrier,
            shipper: ids.shipper,
            partyNames: {
              carrier: DEMO_ORGANISATIONS.carrier.name,
              shipper: DEMO_ORGANISATIONS.shipper.name,
            },
          }),
          carrier: ids.carrier,
        })
        out(
          `0. The carrier drafts bill ${reference}: a 40' container of laptops, CNCKG (rail) → CNQZH (sea) → SGSIN`,
        )
        let n = 0
        const act = async ({ say, actor, recipient, ...action }: TitleStep) => {
          const { record, entry } = await node.registry.act({
            ...action,
            documentId: draft.id,
            actor: ids[actor],
            ...(recipient ? { recipient: ids[recipient] } : {}),
          })
          const possessor = (Object.entries(ids).find(
            ([, v]) => v === record.state.possessor,
          )?.[0] ?? '?') as string
          out(`${++n}. ${say}`)
          out(
            `   ${entry.payload.action}${entry.payload.pledge ? ` (${entry.payload.pledge})` : ''} signed by ${actor}; status ${record.state.status}; possessor ${possessor}; entry ${entry.entryChecksum.slice(0, 16)}…`,
          )
        }
        for (const step of BEFORE_DEPARTURE) await act(step)

        const model = await node.tracking.etaModel()
        const journey = simulateBookings({
          seed: 7,
          bookings: [
            {
              bookedMs: Date.now() - 14 * DAY,
              transportDocumentReference: reference,
              equipmentReference: 'MSKU7382940',
              destination: 'SGSIN',
            },
          ],
        }).events
        const seen: TrackingEvent[] = []
        const report = async (events: readonly TrackingEvent[]) => {
          await node.tracking.ingest(toBatchItems(events))
          for (const e of events) {
            seen.push(e)
            const line = describeEvent(e)
            if (!line) continue
            out(`   ${hhmm(e.eventDateTime)}  ${line}`)
            if (view(e).eventType === 'TRANSPORT') {
              const eta = estimateEta(model, journeyFromEvents(reference, seen), {
                nowMs: Date.parse(e.eventCreatedDateTime),
              }).finalArrival
              if (eta)
                out(
                  `                 ETA ${eta.UNLocationCode}: P10 ${hhmm(eta.p10)} · P50 ${hhmm(eta.p50)} · P90 ${hhmm(eta.p90)} (${eta.basis})`,
                )
            }
          }
        }
        const arrival = journey.findIndex((e) => {
          const x = view(e)
          return (
            x.eventClassifierCode === 'ACT' &&
            x.transportEventTypeCode === 'ARRI' &&
            x.transportCall?.UNLocationCode === 'SGSIN'
          )
        })
        out(
          `${++n}. Customs, the train and the vessel report events; every event is a ledger leaf and the ETA narrows`,
        )
        await report(journey.slice(0, arrival + 1))
        for (const step of AFTER_ARRIVAL.slice(0, 2)) await act(step)
        out(`${++n}. Singapore customs and the terminal report`)
        await report(journey.slice(arrival + 1))
        for (const step of AFTER_ARRIVAL.slice(2)) await act(step)

        await node.ledger.checkpoint()
        const bundleResponse = await fetch(`${cq.url}/api/ebl/${draft.id}/bundle`, {
          headers: { authorization: `Bearer ${keys.consignee}` },
        })
        const bundleText = await bundleResponse.text()
        if (!bundleResponse.ok) throw new CliError('DEMO_BUNDLE_FAILED', bundleText)
        const ledgerKeys = async (url: string) =>
          (await (await fetch(`${url}/api/ledger/keys`)).json()) as {
            logKey: string
            witnessKey: string
          }
        const trust = {
          trustedLogKeys: [(await ledgerKeys(cq.url)).logKey],
          trustedWitnessKeys: [(await ledgerKeys(sg.url)).witnessKey],
        }
        await initEd25519Verifier()
        const result = await verifyBundle(bundleText, trust)
        out()
        out(
          `The consignee exports the bill's bundle (${Math.round(bundleText.length / 1024)} kB) and anyone verifies it offline:`,
        )
        for (const step of result.steps)
          out(
            `  ${step.status === 'pass' ? '✓' : step.status === 'fail' ? '✗' : '·'} ${step.name.padEnd(16)} ${step.reason}`,
          )
        out(
          `  → ${result.title?.status}, possessor ${Object.entries(ids).find(([, v]) => v === result.title?.possessor)?.[0] ?? result.title?.possessor}`,
        )
        const tampered = bundleText.replace('"LSDEMO0001"', '"LSDEMO0002"')
        const refused = await verifyBundle(tampered, trust)
        const failed = refused.steps.find((s) => s.status === 'fail')
        out(
          `A copy with the reference changed by one character is refused at "${failed?.name}": ${failed?.reason}`,
        )
        out()
        await printCrossings(node, out)
        out()
        out(`Inspect it: landsea ebl history ${draft.id} --data ${join(dataDir, 'chongqing')}`)
        out(`Open its dashboard: landsea start --data ${join(dataDir, 'chongqing')}`)
        if (!result.ok || refused.ok)
          throw new CliError(
            'DEMO_VERIFICATION_FAILED',
            'the demo bundle did not verify as expected',
          )
      } finally {
        for (const r of running) await r.close()
      }
    })
}

/** The Chongqing node's transfer register (one entry per crossing of personal data) and report. */
async function printCrossings(node: LandseaNode, out: (line?: string) => void): Promise<void> {
  const entries = await node.privacy.register.list()
  const failed = await node.privacy.register.verify(await node.ledger.store.treeSize())
  out(
    `Personal data that crossed the border, one register entry per crossing (each a ledger leaf, ${failed.length === 0 ? 'all proven' : `${failed.length} NOT proven`}):`,
  )
  for (const { leafIndex, record: r } of entries)
    out(
      `  leaf ${leafIndex}  ${r.channel} → ${r.recipient} (${r.recipientCountry}), ${r.action === 'send' ? 'sent in full' : 'minimised'}, ${r.subjectCount} individual(s), basis ${r.basis.id ?? r.basis.kind}`,
    )
  const year = new Date().getUTCFullYear()
  for (const row of await node.privacy.report(year))
    out(
      `Report ${year}: ${row.exporter} → ${row.recipientCountry}: ${row.transfers} transfer(s), ${row.subjects} individual(s), ${(row.thresholdShare * 100).toFixed(3)}% of the 100,000 exemption`,
    )
}

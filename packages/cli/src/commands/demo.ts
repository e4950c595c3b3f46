import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { initEd25519Verifier } from '@landsea/core/crypto'
import { createSampleCorridorBill } from '@landsea/core/ebl'
import { estimateEta, journeyFromEvents } from '@landsea/core/eta'
import { simulateBookings } from '@landsea/core/simulation'
import { toBatchItems, type TrackingEvent } from '@landsea/core/tracking'
import { verifyBundle } from '@landsea/core/verify'
import { startNode, type RunningNode } from '@landsea/server'
import {
  DEMO_ORGANISATIONS,
  PAIR_JOURNEY,
  PAIR_SIDES,
  seedTrackingDemo,
  setUpCorridorPair,
  takePairStep,
  type DemoRole,
  type LandseaNode,
  type PairStep,
} from '@landsea/node'
import { Command } from 'commander'
import { CliError } from '../cli-error.js'

const DAY = 86_400_000

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
        for (const [name, side, folder] of [
          ['Chongqing node', PAIR_SIDES.chongqing, 'chongqing'],
          ['Singapore node', PAIR_SIDES.singapore, 'singapore'],
        ] as const) {
          running.push(
            await startNode({
              port: 0,
              seed: false,
              dataDir: join(dataDir, folder),
              identity: { name, jurisdiction: side.jurisdiction },
              platformCode: side.platform,
              // The demo's two nodes peer over loopback.
              outbound: { allowLoopback: true },
            }),
          )
        }
        const [cq, sg] = running as [RunningNode, RunningNode]
        const pair = { chongqing: cq, singapore: sg }
        const ids = await setUpCorridorPair(cq, sg)
        out(`Landsea demo — data in ${dataDir}`)
        out(`  Chongqing node ${cq.url} (PINT platform LSCQ) and Singapore node ${sg.url} (LSSG)`)
        out("  witness each other's ledger and know each other as platforms.")
        for (const side of ['chongqing', 'singapore'] as const) {
          for (const [role, org] of Object.entries(ids[side]) as [DemoRole, { name: string }][]) {
            const registration = DEMO_ORGANISATIONS[role]
            out(
              `  on the ${side.padEnd(9)} node: ${registration.country} ${role.padEnd(9)} ${org.name} / ${registration.nameZh}`,
            )
          }
        }
        out(
          '  each holds a legal-entity credential from its own jurisdiction’s registrar; CN and SG trust lists recognise each other',
        )
        const node = cq.node
        const history = await seedTrackingDemo(node.tracking, { bills: [] })
        out(`  corridor history for the ETA model: ${history} events`)
        out()

        const reference = 'LSDEMO0001'
        const draft = await node.registry.createDraft({
          document: createSampleCorridorBill({
            reference,
            carrier: ids.chongqing.carrier!.id,
            shipper: ids.chongqing.shipper!.id,
            partyNames: {
              carrier: DEMO_ORGANISATIONS.carrier.name,
              shipper: DEMO_ORGANISATIONS.shipper.name,
            },
          }),
          carrier: ids.chongqing.carrier!.id,
        })
        out(
          `0. The carrier drafts bill ${reference}: a 40' container of laptops, CNCKG (rail) → CNQZH (sea) → SGSIN`,
        )
        const roleOf = (id: string) =>
          [...Object.entries(ids.chongqing), ...Object.entries(ids.singapore)].find(
            ([, org]) => org.id === id,
          )?.[0] ?? id
        let n = 0
        let bill = { id: draft.id, side: 'chongqing' as keyof typeof pair }
        const act = async (step: PairStep) => {
          const moved = await takePairStep(pair, ids, bill.id, step)
          bill = moved
          const { state } = await pair[moved.side].node.registry.get(moved.id)
          out(`${++n}. ${step.say}`)
          out(
            `   ${step.action}${step.pledge ? ` (${step.pledge})` : ''} signed by ${step.actor} on the ${step.side} node; now on the ${moved.side} node, status ${state.status}, possessor ${roleOf(state.possessor)}; ${moved.detail}`,
          )
        }
        for (const step of PAIR_JOURNEY.slice(0, 3)) await act(step)

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
        for (const step of PAIR_JOURNEY.slice(3, 8)) await act(step)
        out(`${++n}. Singapore customs and the terminal report`)
        await report(journey.slice(arrival + 1))
        for (const step of PAIR_JOURNEY.slice(8)) await act(step)

        await initEd25519Verifier()
        const ledgerKeys = async (url: string) =>
          (await (await fetch(`${url}/api/ledger/keys`)).json()) as {
            logKey: string
            witnessKey: string
          }
        const keysOf = await Promise.all([cq.url, sg.url].map(ledgerKeys))
        const trust = {
          trustedLogKeys: keysOf.map((k) => k.logKey),
          trustedWitnessKeys: keysOf.map((k) => k.witnessKey),
        }
        const exportAs = async (at: RunningNode, id: string, apiKey: string) => {
          const response = await fetch(`${at.url}/api/ebl/${id}/bundle`, {
            headers: { authorization: `Bearer ${apiKey}` },
          })
          const text = await response.text()
          if (!response.ok) throw new CliError('DEMO_BUNDLE_FAILED', text)
          return text
        }
        // The consignee's bundle on the Singapore node: its actions there, the PINT chain and the
        // Chongqing node's bundle, each log with its own checkpoint and cosignature.
        const sgId = (await sg.node.registry.list({ q: reference }))[0]!.id
        const consigneeBundle = await exportAs(sg, sgId, ids.singapore.consignee!.apiKey)
        const file = join(dataDir, 'consignee-bundle.json')
        writeFileSync(file, consigneeBundle)
        const consignee = await verifyBundle(consigneeBundle, trust)
        out()
        out(
          `The consignee exports its bundle from the Singapore node (${Math.round(consigneeBundle.length / 1024)} kB, two logs): ${consignee.ok ? 'verifies' : 'does NOT verify'} offline.`,
        )
        out(`  Verify it yourself: landsea verify ${file}`)
        const bundleText = await exportAs(cq, draft.id, ids.chongqing.carrier!.apiKey)
        const result = await verifyBundle(bundleText, trust)
        out(
          `The carrier's bundle of the whole journey (${Math.round(bundleText.length / 1024)} kB, three log segments) verified offline:`,
        )
        for (const step of result.steps)
          out(
            `  ${step.status === 'pass' ? '✓' : step.status === 'fail' ? '✗' : '·'} ${step.name.padEnd(16)} ${step.reason}`,
          )
        out(`  → ${result.title?.status}, possessor ${roleOf(result.title?.possessor ?? '?')}`)
        const tampered = bundleText.replace('"LSDEMO0001"', '"LSDEMO0002"')
        const refused = await verifyBundle(tampered, trust)
        const failed = refused.steps.find((s) => s.status === 'fail')
        out(
          `A copy with the reference changed by one character is refused at "${failed?.name}": ${failed?.reason}`,
        )
        out()
        await printCrossings(cq.node, 'Chongqing', out)
        await printCrossings(sg.node, 'Singapore', out)
        out()
        out(`Inspect it: landsea ebl history ${draft.id} --data ${join(dataDir, 'chongqing')}`)
        out(`Open its dashboard: landsea start --data ${join(dataDir, 'chongqing')}`)
        if (!result.ok || !consignee.ok || refused.ok)
          throw new CliError(
            'DEMO_VERIFICATION_FAILED',
            'the demo bundle did not verify as expected',
          )
      } finally {
        for (const r of running) await r.close()
      }
    })
}

/** A node's transfer register (one entry per crossing of personal data) and its year's report. */
async function printCrossings(
  node: LandseaNode,
  side: string,
  out: (line?: string) => void,
): Promise<void> {
  const entries = await node.privacy.register.list()
  const failed = await node.privacy.register.verify(await node.ledger.store.treeSize())
  const names = new Map((await node.organisations.list()).map((o) => [o.id, o.name]))
  const nameOf = (id: string) => names.get(id) ?? id
  out(
    `Personal data that left the ${side} node, one register entry per crossing (each a ledger leaf, ${failed.length === 0 ? 'all proven' : `${failed.length} NOT proven`}):`,
  )
  for (const { leafIndex, record: r } of entries)
    out(
      `  leaf ${leafIndex}  ${r.channel} → ${r.recipient} (${r.recipientCountry}), ${r.action === 'send' ? 'sent in full' : 'minimised'}, ${r.subjectCount} individual(s), basis ${r.basis.id ?? r.basis.kind}`,
    )
  const year = new Date().getUTCFullYear()
  // The 100,000-individual exemption is China's (CAC Provisions 2024); PDPA has no such band.
  const isPipl = (await node.privacy.policy()).jurisdiction === 'CN'
  for (const row of await node.privacy.report(year))
    out(
      `  Report ${year}: ${nameOf(row.exporter)} → ${row.recipientCountry}: ${row.transfers} transfer(s), ${row.subjects} individual(s)${isPipl ? `, ${(row.thresholdShare * 100).toFixed(3)}% of the 100,000 exemption` : ''}`,
    )
}

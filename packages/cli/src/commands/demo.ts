import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSampleCorridorBill, replayTitleChain, type ActionRequest } from '@landsea/core/ebl'
import {
  createNode,
  registerOrganisation,
  DEMO_ORGANISATIONS,
  type DemoRole,
} from '@landsea/server'
import { Command } from 'commander'
import { CliError } from '../cli-error.js'

type Step = { say: string } & Omit<ActionRequest, 'documentId' | 'actor' | 'recipient'> & {
    actor: DemoRole
    recipient?: DemoRole
  }

/** The reference journey of DESIGN.md, step by step. */
const JOURNEY: readonly Step[] = [
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
    say: 'The shipper pledges it to the bank under the L/C',
    action: 'TRANSFER',
    actor: 'shipper',
    recipient: 'cnBank',
    pledge: 'PLEDGE',
  },
  {
    say: 'The bank, paid, endorses it to the Singapore consignee',
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
    say: 'The carrier accepts the surrender; the container is released',
    action: 'SACC',
    actor: 'carrier',
    recipient: 'consignee',
  },
]

/** `landsea demo`: run the reference journey end to end against a fresh data folder, printing each step. */
export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'run the reference journey (Chongqing rail → Qinzhou → Singapore) end to end and print each step',
    )
    .option('--data <dir>', 'a new, empty data folder (default: a temporary folder)')
    .action(async (options) => {
      const dataDir: string = options.data ?? mkdtempSync(join(tmpdir(), 'landsea-demo-'))
      if (existsSync(dataDir) && readdirSync(dataDir).length > 0 && options.data) {
        throw new CliError(
          'DEMO_DATA_NOT_EMPTY',
          `${dataDir} is not empty; the demo needs a fresh folder`,
        )
      }
      const out = (line = '') => process.stdout.write(`${line}\n`)
      const node = await createNode({ dataDir })
      try {
        out(`Landsea demo — data in ${dataDir}`)
        out()
        const ids = {} as Record<DemoRole, string>
        for (const [role, registration] of Object.entries(DEMO_ORGANISATIONS) as [
          DemoRole,
          (typeof DEMO_ORGANISATIONS)[DemoRole],
        ][]) {
          const { organisation } = await registerOrganisation(node.organisations, registration)
          ids[role] = organisation.id
          out(
            `  registered ${organisation.country} ${role.padEnd(9)} ${organisation.name} / ${organisation.nameZh}`,
          )
        }
        out()
        const draft = await node.registry.createDraft({
          document: createSampleCorridorBill({
            reference: 'LSDEMO0001',
            carrier: ids.carrier,
            shipper: ids.shipper,
          }),
          carrier: ids.carrier,
        })
        out(
          `0. The carrier drafts bill ${draft.reference}: 40' container of laptops, CNCKG (rail) → CNQZH (sea) → SGSIN`,
        )
        for (const [i, { say, actor, recipient, ...action }] of JOURNEY.entries()) {
          const { record, entry } = await node.registry.act({
            ...action,
            documentId: draft.id,
            actor: ids[actor],
            ...(recipient ? { recipient: ids[recipient] } : {}),
          })
          out(`${i + 1}. ${say}`)
          out(
            `   ${entry.payload.action}${entry.payload.pledge ? ` (${entry.payload.pledge})` : ''} signed by ${actor} key ${entry.signerKid.slice(0, 12)}…; status ${record.state.status}; possessor ${roleOf(ids, record.state.possessor)}; entry ${entry.entryChecksum.slice(0, 16)}…`,
          )
        }
        const record = await node.registry.get(draft.id)
        const history = await node.registry.history(draft.id)
        const replay = await replayTitleChain({
          document: record.document,
          entries: history.map((e) => e.jws),
          resolveKey: (org, kid) => node.organisations.getPublicKey(org, kid),
        })
        out()
        out(
          replay.isValid
            ? `Verified: ${history.length} signed, hash-linked actions replay to ${replay.state?.status}, possessor ${roleOf(ids, replay.state?.possessor ?? '')}.`
            : `Verification FAILED: ${replay.problems.map((p) => p.message).join('; ')}`,
        )
        out(`Inspect it: landsea ebl history ${draft.id} --data ${dataDir}`)
        if (!replay.isValid)
          throw new CliError('DEMO_VERIFICATION_FAILED', 'the demo chain did not verify')
      } finally {
        await node.close()
      }
    })
}

function roleOf(ids: Record<string, string>, id: string): string {
  return Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id
}

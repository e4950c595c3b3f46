import type { LandseaNode } from '@landsea/node'
import { Command } from 'commander'
import { withNode, withNodeOptions } from '../node-options.js'
import { print } from '../output.js'

/** Names organisations in text output: "Name (id)". */
export async function organisationNamer(node: LandseaNode): Promise<(id: string | null) => string> {
  const names = new Map((await node.organisations.list()).map((o) => [o.id, o.name]))
  return (id) => (id === null ? '—' : `${names.get(id) ?? 'unknown'} (${id})`)
}

/** `landsea ebl show`: a bill's document summary and title state. */
export function eblShowCommand(): Command {
  return withNodeOptions(new Command('show'))
    .description('show a bill: reference, route, status, possessor, holder')
    .argument('<id>', 'bill id')
    .option('--json', 'print JSON (the full record, including the DCSA document)')
    .action(async (id: string, options) => {
      await withNode(options, async (node) => {
        const record = await node.registry.get(id)
        const name = await organisationNamer(node)
        const t = record.document.transports
        const s = record.state
        print(options.json, record, () =>
          [
            `${record.reference} v${record.version} (${record.id})`,
            `  route       ${t.placeOfReceipt?.UNLocationCode ?? '?'} (${t.preCarriageBy ?? '-'}) → ${t.portOfLoading.UNLocationCode} → ${t.portOfDischarge.UNLocationCode}`,
            `  type        ${s.isToOrder ? 'negotiable (to order)' : 'straight'}${s.isBlankEndorsed ? ', endorsed in blank' : ''}`,
            `  status      ${s.status}${s.isSwitchedToPaper ? ' (switched to paper)' : ''}`,
            `  issuer      ${name(s.issuer)}`,
            `  possessor   ${name(s.possessor)}`,
            `  holder      ${name(s.holder)}`,
            ...(s.pledgedBy ? [`  pledged by  ${name(s.pledgedBy)}`] : []),
            `  checksum    ${record.documentChecksum}`,
            `  chain head  ${record.lastEntryChecksum ?? '—'} (${s.sequence} actions)`,
          ].join('\n'),
        )
      })
    })
}

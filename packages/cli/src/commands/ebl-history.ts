import { Command } from 'commander'
import { withNode, withNodeOptions } from '../node-options.js'
import { print, table } from '../output.js'
import { organisationNamer } from './ebl-show.js'

/** `landsea ebl history`: the signed action chain of a bill. */
export function eblHistoryCommand(): Command {
  return withNodeOptions(new Command('history'))
    .description('show the signed action chain of a bill')
    .argument('<id>', 'bill id')
    .option('--json', 'print JSON (entries with their JWS)')
    .action(async (id: string, options) => {
      await withNode(options, async (node) => {
        const entries = await node.registry.history(id)
        const name = await organisationNamer(node)
        print(options.json, entries, () =>
          table([
            ['#', 'AT', 'ACTION', 'ACTOR', 'RECIPIENT', 'ENTRY CHECKSUM'],
            ...entries.map((e) => [
              String(e.seq),
              e.payload.at,
              e.payload.action + (e.payload.pledge ? ` (${e.payload.pledge})` : ''),
              name(e.payload.actor),
              name(e.payload.recipient),
              e.entryChecksum.slice(0, 16),
            ]),
          ]),
        )
      })
    })
}

import { writeFileSync } from 'node:fs'
import { exportBundle } from '@landsea/node'
import { Command } from 'commander'
import { withNode, withNodeOptions } from '../node-options.js'

/** `landsea ebl export`: write a bill's offline-verifiable bundle. */
export function eblExportCommand(): Command {
  return withNodeOptions(new Command('export'))
    .description(
      'export a bill as one offline-verifiable bundle (document, signed chain, proofs, checkpoint, keys)',
    )
    .argument('<id>', 'bill id')
    .option('-o, --output <file>', 'write to this file (default: standard output)')
    .action(async (id: string, options) => {
      await withNode(options, async (node) => {
        const bundle = await exportBundle({
          documentId: id,
          registry: node.registry,
          organisations: node.organisations,
          ledger: node.ledger,
          identity: node.identityService,
          emissions: node.emissions,
          crossingOf: (checksum) => node.pint.crossingOf(checksum),
        })
        const text = `${JSON.stringify(bundle, null, 2)}\n`
        if (options.output) {
          writeFileSync(options.output, text)
          process.stdout.write(
            `wrote ${options.output}: ${bundle.actions.length} actions, verify with: landsea verify ${options.output}\n`,
          )
        } else {
          process.stdout.write(text)
        }
      })
    })
}

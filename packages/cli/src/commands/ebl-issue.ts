import { readFileSync } from 'node:fs'
import { createSampleCorridorBill } from '@landsea/core/ebl'
import { Command } from 'commander'
import { CliError } from '../cli-error.js'
import { resolveOrganisation, withNode, withNodeOptions } from '../node-options.js'
import { print } from '../output.js'

/** `landsea ebl issue`: draft a bill from a DCSA document (or the sample corridor bill) and issue it. */
export function eblIssueCommand(): Command {
  return withNodeOptions(new Command('issue'))
    .description('draft a bill as the carrier and issue it to its first possessor')
    .requiredOption('--as <carrier>', 'issuing carrier (organisation id or part of its name)')
    .requiredOption('--to <org>', 'first possessor (usually the shipper)')
    .option('--file <document.json>', 'DCSA eBL 3.0 transport document with status DRAFT')
    .option(
      '--sample <reference>',
      'use the sample corridor bill with this reference instead of --file',
    )
    .option('--draft-only', 'create the draft without issuing it')
    .option('--json', 'print JSON')
    .action(async (options) => {
      if (!options.file === !options.sample)
        throw new CliError('USAGE', 'give exactly one of --file or --sample', { exitCode: 2 })
      await withNode(options, async (node) => {
        const carrier = await resolveOrganisation(node, options.as)
        const to = await resolveOrganisation(node, options.to)
        let document: unknown
        if (options.file) {
          try {
            document = JSON.parse(readFileSync(options.file, 'utf8'))
          } catch (cause) {
            throw new CliError(
              'FILE_UNREADABLE',
              `cannot read JSON from ${options.file}: ${(cause as Error).message}`,
            )
          }
        } else {
          document = createSampleCorridorBill({ reference: options.sample, carrier, shipper: to })
        }
        const draft = await node.registry.createDraft({ document, carrier })
        const result = options.draftOnly
          ? { record: draft }
          : await node.registry.act({
              documentId: draft.id,
              actor: carrier,
              action: 'ISSUE',
              recipient: to,
            })
        print(options.json, result, () =>
          [
            `${options.draftOnly ? 'Drafted' : 'Issued'} ${result.record.reference} (${result.record.id})`,
            `  status ${result.record.state.status}, possessor ${result.record.state.possessor}`,
            `  document checksum ${result.record.documentChecksum}`,
          ].join('\n'),
        )
      })
    })
}

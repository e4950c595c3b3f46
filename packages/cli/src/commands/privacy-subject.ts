import { Command } from 'commander'
import { withNode, withNodeOptions } from '../node-options.js'
import { print, table } from '../output.js'

/** `landsea privacy subject-access <email|phone>`: the transfers of one person, by keyed hash. */
export function privacySubjectAccessCommand(): Command {
  return withNodeOptions(new Command('subject-access'))
    .description(
      'what this node sent abroad about a person, found by the keyed hash of an e-mail or phone number',
    )
    .argument('<identifier>', 'e-mail address or phone number')
    .option('--json', 'print JSON')
    .action(async (identifier: string, options) => {
      await withNode(options, async (node) => {
        const subjectHash = await node.privacy.subjectHash(identifier)
        const transfers = (await node.privacy.register.list()).filter((e) =>
          e.record.subjectHashes.includes(subjectHash),
        )
        print(options.json, { subjectHash, transfers }, () =>
          transfers.length === 0
            ? 'no transfer of this person is recorded'
            : table([
                ['LEAF', 'WHEN', 'CHANNEL', 'RECIPIENT', 'COUNTRY', 'ACTION', 'BASIS'],
                ...transfers.map(({ leafIndex, record: r }) => [
                  String(leafIndex),
                  r.recordedAt,
                  r.channel,
                  r.recipient,
                  r.recipientCountry,
                  r.action,
                  r.basis.id ?? r.basis.kind,
                ]),
              ]),
        )
      })
    })
}

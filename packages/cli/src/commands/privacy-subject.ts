import { Command, InvalidArgumentError } from 'commander'
import { withNode, withNodeOptions } from '../node-options.js'
import { print, table } from '../output.js'

/** The person a command is about: `--email`, `--phone`, or the positional identifier. */
export function identifierOf(
  positional: string | undefined,
  options: { email?: string; phone?: string },
): string {
  const given = [positional, options.email, options.phone].filter((v) => v !== undefined)
  if (given.length !== 1)
    throw new InvalidArgumentError('give one of --email, --phone or an identifier')
  return given[0]!
}

/** Adds the `--email` / `--phone` options and the optional positional identifier. */
export function withIdentifier(command: Command): Command {
  return command
    .argument('[identifier]', 'e-mail address or phone number')
    .option('--email <email>', 'the person’s e-mail address')
    .option('--phone <phone>', 'the person’s phone number')
}

/**
 * `landsea privacy subject-access --email|--phone`: every record this node holds on a person, the
 * transfers abroad and the reads of their data, found by keyed hash.
 */
export function privacySubjectAccessCommand(): Command {
  return withIdentifier(withNodeOptions(new Command('subject-access')))
    .description(
      'what this node holds on a person (bills, transfers abroad, reads), found by the keyed hash of an e-mail or phone number',
    )
    .option('--json', 'print JSON')
    .action(async (positional: string | undefined, options) => {
      const identifier = identifierOf(positional, options)
      await withNode(options, async (node) => {
        const report = await node.privacyRights.access(identifier)
        print(options.json, report, () => {
          const rows = [
            ...report.records.flatMap((r) =>
              r.fields.map((f) => [
                'record',
                `${r.kind} ${r.reference}`,
                f.path,
                f.value ?? '(erased)',
              ]),
            ),
            ...report.transfers.map(({ leafIndex, record: r }) => [
              'transfer',
              `leaf ${leafIndex} ${r.recordedAt}`,
              `${r.channel} → ${r.recipient} (${r.recipientCountry})`,
              `${r.action} under ${r.basis.id ?? r.basis.kind}`,
            ]),
            ...report.reads.map((r) => ['read', r.at, r.reader, r.what]),
          ]
          const erasure = report.erasure
            ? `\nerasure ${report.erasure.status}${report.erasure.status === 'pending' ? ` until ${report.erasure.dueAt.slice(0, 10)} (${report.erasure.rule})` : ''}`
            : ''
          return rows.length === 0
            ? `this node holds nothing on this person${erasure}`
            : `${table([['KIND', 'WHAT', 'WHERE', 'VALUE'], ...rows])}${erasure}`
        })
      })
    })
}

import { Command } from 'commander'
import { withNode, withNodeOptions } from '../node-options.js'
import { print, table } from '../output.js'
import { identifierOf, withIdentifier } from './privacy-subject.js'

/**
 * `landsea privacy erase --email|--phone`: crypto-shredding of a person, refused with
 * `PRIVACY_RETENTION_ACTIVE` (and scheduled) while a retention rule keeps their records.
 */
export function privacyEraseCommand(): Command {
  return withIdentifier(withNodeOptions(new Command('erase')))
    .description(
      'erase a person by destroying their key; refused while a retention rule runs (the erasure then waits for its end)',
    )
    .option('--json', 'print JSON')
    .action(async (positional: string | undefined, options) => {
      const identifier = identifierOf(positional, options)
      await withNode(options, async (node) => {
        const done = await node.privacyRights.erase(identifier)
        print(
          options.json,
          done,
          () => `erased ${done.subjectHash.slice(0, 16)}… at ${done.erasedAt}`,
        )
      })
    })
}

/** `landsea privacy erasures [--apply-due]`: the erasure requests, and applying the due ones. */
export function privacyErasuresCommand(): Command {
  return withNodeOptions(new Command('erasures'))
    .description('erasure requests: done, or pending until their retention ends')
    .option('--apply-due', 'apply the pending erasures whose retention has ended')
    .option('--json', 'print JSON')
    .action(async (options) => {
      await withNode(options, async (node) => {
        const applied = options.applyDue ? await node.privacyRights.eraseDue() : []
        const items = await node.privacyRights.erasures()
        print(options.json, { applied, items }, () =>
          [
            ...(options.applyDue ? [`${applied.length} due erasure(s) applied`] : []),
            items.length === 0
              ? 'no erasure requests'
              : table([
                  ['SUBJECT', 'REQUESTED', 'STATUS', 'DUE', 'RULE'],
                  ...items.map((e) => [
                    `${e.subjectHash.slice(0, 16)}…`,
                    e.requestedAt,
                    e.status,
                    e.dueAt.slice(0, 10),
                    e.rule ?? '-',
                  ]),
                ]),
          ].join('\n'),
        )
      })
    })
}

/** `landsea privacy access-log [--year]`: who read personal data through the API, what and when. */
export function privacyAccessLogCommand(): Command {
  return withNodeOptions(new Command('access-log'))
    .description('the access log: local reads of personal data (who, what, when)')
    .option('--year <year>', 'calendar year', (v) => Number(v))
    .option('--json', 'print JSON')
    .action(async (options) => {
      await withNode(options, async (node) => {
        const items = await node.privacy.accessLog(options.year ? { year: options.year } : {})
        print(options.json, { items }, () =>
          items.length === 0
            ? 'no reads of personal data are logged'
            : table([
                ['WHEN', 'READER', 'WHAT', 'SUBJECTS'],
                ...items.map((e) => [e.at, e.reader, e.what, String(e.subjectHashes.length)]),
              ]),
        )
      })
    })
}

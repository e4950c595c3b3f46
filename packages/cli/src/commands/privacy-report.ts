import { transferReportCsv } from '@landsea/core/privacy'
import { Command, InvalidArgumentError } from 'commander'
import { withNode, withNodeOptions } from '../node-options.js'
import { print, table } from '../output.js'

function year(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError('a year, e.g. 2026')
  return Number(value)
}

/** `landsea privacy report --year 2026 [--json|--csv]`: transfers per exporter and country. */
export function privacyReportCommand(): Command {
  return withNodeOptions(new Command('report'))
    .description(
      'the year’s cross-border transfers of personal data per exporter and recipient country: subjects, categories, bases, threshold position',
    )
    .requiredOption('--year <year>', 'calendar year', year)
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV (RFC 4180)')
    .action(async (options) => {
      await withNode(options, async (node) => {
        const rows = await node.privacy.report(options.year as number)
        if (options.csv) {
          process.stdout.write(transferReportCsv(rows))
          return
        }
        print(options.json, { year: options.year, rows }, () =>
          table([
            ['EXPORTER', 'COUNTRY', 'TRANSFERS', 'SUBJECTS', 'CATEGORIES', 'BASES', 'THRESHOLD'],
            ...rows.map((r) => [
              r.exporter,
              r.recipientCountry,
              String(r.transfers),
              String(r.subjects),
              r.categories.join(','),
              r.bases.join(','),
              `${(r.thresholdShare * 100).toFixed(2)}% of ${'100,000'}`,
            ]),
          ]),
        )
      })
    })
}

import { emissionsReportCsv } from '@landsea/core/emissions'
import { shipmentAccessOf } from '@landsea/node'
import { Command } from 'commander'
import { CliError } from '../cli-error.js'
import { resolveOrganisation, withNode, withNodeOptions } from '../node-options.js'
import { print, table } from '../output.js'

const positive = (v: string) => {
  const n = Number(v)
  if (!(n > 0 && n <= 1000))
    throw new CliError('EMISSIONS_INPUT_INVALID', `--teu ${v}: 0 < TEU ≤ 1000`)
  return n
}
const day = (name: string) => (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
    throw new CliError('EMISSIONS_INPUT_INVALID', `--${name} ${v}: a date YYYY-MM-DD`)
  return v
}

/** `landsea emissions claim`: issue the verifiable emissions claim of a finished shipment. */
function claimCommand(): Command {
  return withNodeOptions(new Command('claim'))
    .description(
      'issue the verifiable emissions claim (W3C VC, vc+jwt) of a finished shipment from its ledgered events; it travels in the bill’s bundle (landsea ebl export) and `landsea verify` checks it',
    )
    .argument('<shipment>', 'shipment key (transport document reference)')
    .option('--teu <n>', 'TEU shipped', positive, 2)
    .option(
      '--json',
      'print the claim: { id, digest, shipmentKey, credential, issuerKey, issuedAt, subject }',
    )
    .action(async (shipment: string, options) => {
      await withNode(options, async (node) => {
        const claim = await node.emissions.issueClaim(shipment, { teu: options.teu })
        const s = claim.subject
        print(options.json, claim, () =>
          [
            `emissions claim ${claim.id ?? ''} of ${s.shipmentKey}, issued ${claim.issuedAt}`,
            `${s.co2eKg} kg CO2e WTW for ${s.teu} TEU (${s.co2eKgPerTeuKm} kg/TEU-km), factor table ${s.factorTableVersion}`,
            `computed from ${s.events.length} ledger leaves: ${s.events.map((e) => e.leafIndex).join(', ')}`,
            table([
              ['element', 'factor', 'activity', 'kg CO2e'],
              ...s.elements.map((e) => [
                e.element,
                e.factor,
                `${e.activity} ${e.activityUnit}`,
                String(e.co2eKg),
              ]),
            ]),
          ].join('\n'),
        )
      })
    })
}

/** `landsea emissions report`: an organisation's emissions over a period. */
function reportCommand(): Command {
  return withNodeOptions(new Command('report'))
    .description(
      'emissions report of an organisation over a period: shipments, TEU, t-km by mode, CO2e, intensity, factors and sources (ISO 14083 elements, docs/emissions.md)',
    )
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD, UTC)', day('from'))
    .requiredOption('--to <date>', 'day after the last (YYYY-MM-DD, UTC)', day('to'))
    .requiredOption('--org <organisation>', 'organisation id or part of its name')
    .option('--json', 'print the report as JSON')
    .option('--csv', 'print one CSV row per shipment and a total row')
    .action(async (options) => {
      if (options.json && options.csv)
        throw new CliError('EMISSIONS_INPUT_INVALID', 'choose one of --json and --csv')
      await withNode(options, async (node) => {
        const id = await resolveOrganisation(node, options.org)
        const org = await node.organisations.getById(id)
        if (!org) throw new CliError('NOT_FOUND', `no organisation ${options.org}`)
        const access = await shipmentAccessOf(org, node.registry)
        const report = await node.emissions.report({
          organisation: org.id,
          from: new Date(`${options.from}T00:00:00Z`),
          to: new Date(`${options.to}T00:00:00Z`),
          canRead: (key) => access.canRead(key),
        })
        if (options.csv) {
          process.stdout.write(emissionsReportCsv(report))
          return
        }
        print(options.json, report, () =>
          [
            `${org.name}: ${report.from.slice(0, 10)} to ${report.to.slice(0, 10)}, ${report.method}, factor table ${report.factorTableVersion}`,
            `${report.shipments} shipments, ${report.teu} TEU, ${report.tonneKm} t-km (${Object.entries(
              report.tonneKmByMode,
            )
              .map(([m, v]) => `${m} ${v}`)
              .join(', ')}), ${report.co2eKg} kg CO2e, ${report.co2eKgPerTeuKm} kg/TEU-km` +
              (report.shipmentsWithGaps > 0
                ? `; ${report.shipmentsWithGaps} shipments have unpriced gaps`
                : ''),
            table([
              ['factor', 'value', 'source'],
              ...report.factors.map((f) => [f.id, `${f.value} ${f.unit}`, f.source]),
            ]),
          ].join('\n'),
        )
      })
    })
}

/** `landsea emissions`: verifiable claims and reports. */
export function emissionsCommand(): Command {
  return new Command('emissions')
    .description('GLEC v3 / ISO 14083 emissions: verifiable claims and reports')
    .addCommand(claimCommand())
    .addCommand(reportCommand())
}

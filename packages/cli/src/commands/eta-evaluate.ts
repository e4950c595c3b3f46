import { evaluateEta, OVERALL, type Journey } from '@landsea/core/eta'
import { Command } from 'commander'
import { CliError } from '../cli-error.js'
import { withNode, withNodeOptions } from '../node-options.js'
import { print, table } from '../output.js'
import { DEFAULT_HISTORY, importSimulatedHistory } from './simulate.js'

/** 70% of the way through the departures: earlier shipments train, later ones test. */
function defaultSplit(journeys: readonly Journey[]): number {
  const starts = journeys
    .map((j) => j.stops[0]?.actualMs)
    .filter((t): t is number => t !== undefined)
    .sort((a, b) => a - b)
  if (starts.length === 0)
    throw new CliError('ETA_NO_HISTORY', 'the node has no departures to learn from')
  return starts[0]! + 0.7 * (starts.at(-1)! - starts[0]!)
}

/** `landsea eta evaluate`: train on an earlier period, test on a later one, against the schedule. */
export function etaEvaluateCommand(): Command {
  return withNodeOptions(new Command('evaluate'))
    .description(
      'evaluate the ETA model on the node’s history: MAE of P50 and P10–P90 coverage per route and horizon (every transport milestone the history shows) and overall, against the schedule',
    )
    .option('--split <date>', 'train on shipments completed before, test on those leaving after')
    .option(
      '--simulate',
      `first simulate a corridor history (${DEFAULT_HISTORY.from} to ${DEFAULT_HISTORY.to}) and import it into the node`,
    )
    .option(
      '--seed <n>',
      'seed of the history --simulate imports',
      (v) => Number.parseInt(v, 10),
      DEFAULT_HISTORY.seed,
    )
    .option(
      '--json',
      'print JSON: { horizons: [ { route, horizon, shipments, maeHoursP50, baselineMaeHours, coverageP10P90 } ] }, the last row route "all", horizon "all"',
    )
    .action(async (options) => {
      await withNode(options, async (node) => {
        if (options.simulate) {
          process.stderr.write(
            `simulating ${DEFAULT_HISTORY.from} to ${DEFAULT_HISTORY.to} (seed ${options.seed}) and importing it\n`,
          )
          await importSimulatedHistory(
            node,
            { ...DEFAULT_HISTORY, seed: options.seed },
            Boolean(options.json),
          )
        }
        const journeys = await node.tracking.journeys()
        if (journeys.length === 0)
          throw new CliError(
            'ETA_NO_HISTORY',
            'the node has no shipment history to evaluate; import events first (`landsea events import FILE`), or evaluate on a simulated history with `landsea eta evaluate --simulate`',
          )
        let splitMs = defaultSplit(journeys)
        if (options.split) {
          splitMs = Date.parse(options.split)
          if (Number.isNaN(splitMs))
            throw new CliError('USAGE', '--split must be a date', { exitCode: 2 })
        }
        const result = evaluateEta({ journeys, splitMs })
        print(options.json, { horizons: result.horizons }, () =>
          [
            `ETA evaluation: trained on ${result.trainShipments} shipments completed before ${new Date(splitMs).toISOString().slice(0, 10)}, tested on ${result.testShipments} leaving after`,
            table([
              [
                'ROUTE',
                'HORIZON',
                'SHIPMENTS',
                'MAE P50 (h)',
                'BASELINE MAE (h)',
                'RATIO',
                'P10–P90 COVERAGE',
              ],
              ...result.horizons.map((h) => [
                h.route === OVERALL ? 'overall' : h.route,
                h.horizon === OVERALL ? '' : h.horizon,
                String(h.shipments),
                h.maeHoursP50.toFixed(1),
                h.baselineMaeHours.toFixed(1),
                h.baselineMaeHours > 0 ? (h.maeHoursP50 / h.baselineMaeHours).toFixed(2) : '-',
                `${(h.coverageP10P90 * 100).toFixed(1)}%`,
              ]),
            ]),
            'Baseline: the horizon time plus the scheduled remaining time. Coverage target 80%.',
          ].join('\n'),
        )
      })
    })
}

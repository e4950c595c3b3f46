import { evaluateEta, journeyFromEvents, type Journey } from '@landsea/core/eta'
import type { LandseaNode } from '@landsea/node'
import { Command } from 'commander'
import { CliError } from '../cli-error.js'
import { withNode, withNodeOptions } from '../node-options.js'
import { print, table } from '../output.js'
import { DEFAULT_HISTORY, importSimulatedHistory } from './simulate.js'

/** Every shipment journey the node holds. */
async function loadJourneys(node: LandseaNode): Promise<Journey[]> {
  const shipments = await node.tracking.events.listShipments({ limit: 1_000_000 })
  const journeys: Journey[] = []
  for (const s of shipments) {
    const stored = await node.tracking.events.eventsOfShipment(s.shipmentKey)
    journeys.push(
      journeyFromEvents(
        s.shipmentKey,
        stored.map((e) => e.event),
      ),
    )
  }
  return journeys
}

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
      'evaluate the ETA model on the node’s history (simulating one first when the node has none): MAE of P50 and P10–P90 coverage per horizon, against the schedule',
    )
    .option('--split <date>', 'train on shipments completed before, test on those leaving after')
    .option(
      '--seed <n>',
      'seed of the history simulated on an empty node',
      (v) => Number.parseInt(v, 10),
      DEFAULT_HISTORY.seed,
    )
    .option(
      '--json',
      'print JSON: { horizons: [ { horizon, shipments, maeHoursP50, baselineMaeHours, coverageP10P90 } ] }',
    )
    .action(async (options) => {
      await withNode(options, async (node) => {
        let journeys = await loadJourneys(node)
        if (journeys.length === 0) {
          process.stderr.write(
            `the node has no history: simulating ${DEFAULT_HISTORY.from} to ${DEFAULT_HISTORY.to} (seed ${options.seed}) and importing it\n`,
          )
          await importSimulatedHistory(
            node,
            { ...DEFAULT_HISTORY, seed: options.seed },
            Boolean(options.json),
          )
          journeys = await loadJourneys(node)
        }
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
                'HORIZON',
                'SHIPMENTS',
                'MAE P50 (h)',
                'BASELINE MAE (h)',
                'RATIO',
                'P10–P90 COVERAGE',
              ],
              ...result.horizons.map((h) => [
                h.horizon,
                String(h.shipments),
                h.maeHoursP50.toFixed(1),
                h.baselineMaeHours.toFixed(1),
                h.baselineMaeHours > 0 ? (h.maeHoursP50 / h.baselineMaeHours).toFixed(2) : '-',
                `${(h.coverageP10P90 * 100).toFixed(1)}%`,
              ]),
            ]),
            'Targets: ratio ≤ 0.50, coverage 77–83%. Baseline: the horizon time plus the scheduled remaining time.',
          ].join('\n'),
        )
      })
    })
}

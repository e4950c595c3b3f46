import { writeFileSync } from 'node:fs'
import {
  CORRIDOR_SCENARIOS,
  simulateCorridor,
  type CorridorScenarioName,
} from '@landsea/core/simulation'
import { toBatchItems, type TrackingEvent } from '@landsea/core/tracking'
import type { LandseaNode } from '@landsea/node'
import { Command } from 'commander'
import { CliError } from '../cli-error.js'
import { withNode, withNodeOptions } from '../node-options.js'
import { print } from '../output.js'
import { importItems } from './events-import.js'

const DAY = 86_400_000

function parseDate(value: string, name: string): number {
  const ms = Date.parse(value)
  if (Number.isNaN(ms))
    throw new CliError('USAGE', `${name} must be a date, e.g. 2025-01-01`, { exitCode: 2 })
  return ms
}

/** The default history `eta evaluate` simulates on an empty node: 23 months, 6 bookings a day. */
export const DEFAULT_HISTORY = { seed: 2026, from: '2024-01-01', to: '2025-12-01', perDay: 6 }

/** Simulates a corridor history and ingests it into the node; returns the events ingested. */
export async function importSimulatedHistory(
  node: LandseaNode,
  { seed, from, to, perDay }: { seed: number; from: string; to: string; perDay: number },
  isQuiet = false,
): Promise<number> {
  const sim = simulateCorridor({
    seed,
    fromMs: parseDate(from, '--from'),
    toMs: parseDate(to, '--to'),
    shipmentsPerDay: perDay,
  })
  const summary = await importItems(node, toBatchItems(sim.events), { isQuiet })
  return summary.accepted
}

async function runLive(
  node: LandseaNode,
  options: { seed: number; perDay: number; speed: number; duration: number; json?: boolean },
): Promise<void> {
  const startMs = Date.now()
  const sim = simulateCorridor({
    seed: options.seed,
    fromMs: startMs - 14 * DAY,
    toMs: startMs + 14 * DAY,
    shipmentsPerDay: options.perDay,
  })
  const pending: TrackingEvent[] = [...sim.events]
  let simNow = startMs
  const emit = async (untilMs: number) => {
    let n = 0
    while (n < pending.length && Date.parse(pending[n]!.eventCreatedDateTime) <= untilMs) n++
    const batch = pending.splice(0, n)
    if (batch.length > 0) await node.tracking.ingest(toBatchItems(batch))
    process.stdout.write(
      `${JSON.stringify({ simulatedTime: new Date(untilMs).toISOString(), events: batch.length })}\n`,
    )
  }
  await emit(simNow)
  const endAt = Date.now() + options.duration * 1000
  while (Date.now() < endAt && pending.length > 0) {
    await new Promise((resolve) => setTimeout(resolve, 1000))
    simNow += options.speed * 1000
    await emit(simNow)
  }
}

/** `landsea simulate`: a seeded corridor history (to a file, stdout or the node) or a live stream. */
export function simulateCommand(): Command {
  return withNodeOptions(new Command('simulate'))
    .option('--seed <n>', 'random seed', (v) => Number.parseInt(v, 10), 1)
    .option('--from <date>', 'first booking date', '2025-01-01')
    .option('--to <date>', 'bookings stop at this date', '2025-04-01')
    .option('--per-day <n>', 'mean bookings per day', (v) => Number.parseFloat(v), 6)
    .option('--scenario <name>', `a harder history: ${CORRIDOR_SCENARIOS.join(', ')}`, 'baseline')
    .option('--out <file>', 'write the events as NDJSON to this file ("-" for stdout)')
    .option('--import', 'ingest the events into the node instead of writing them')
    .option('--live', 'stream events into the node as simulated time passes (from now)')
    .option(
      '--speed <x>',
      'live: simulated seconds per real second',
      (v) => Number.parseFloat(v),
      3600,
    )
    .option(
      '--duration <s>',
      'live: stop after this many real seconds',
      (v) => Number.parseFloat(v),
      60,
    )
    .option('--json', 'print a JSON summary')
    .action(async (options) => {
      if (options.live) {
        await withNode(options, (node) => runLive(node, options))
        return
      }
      if (!(CORRIDOR_SCENARIOS as readonly string[]).includes(options.scenario))
        throw new CliError('USAGE', `--scenario must be one of ${CORRIDOR_SCENARIOS.join(', ')}`, {
          exitCode: 2,
        })
      const sim = simulateCorridor({
        seed: options.seed,
        fromMs: parseDate(options.from, '--from'),
        toMs: parseDate(options.to, '--to'),
        shipmentsPerDay: options.perDay,
        scenario: options.scenario as CorridorScenarioName,
      })
      const summary = {
        seed: options.seed,
        shipments: sim.shipments.length,
        events: sim.events.length,
        destinations: Object.fromEntries(
          [...new Set(sim.shipments.map((s) => s.destination))].map((d) => [
            d,
            sim.shipments.filter((s) => s.destination === d).length,
          ]),
        ),
      }
      if (options.import) {
        await withNode(options, async (node) => {
          const accepted = (
            await importItems(node, toBatchItems(sim.events), { isQuiet: Boolean(options.json) })
          ).accepted
          print(
            options.json,
            { ...summary, accepted },
            () =>
              `${summary.shipments} shipments, ${summary.events} events simulated (seed ${summary.seed}); ${accepted} new events ingested`,
          )
        })
        return
      }
      const ndjson = sim.events.map((e) => JSON.stringify(e)).join('\n') + '\n'
      if (!options.out || options.out === '-') {
        process.stdout.write(ndjson)
        return
      }
      writeFileSync(options.out, ndjson)
      print(
        options.json,
        { ...summary, file: options.out },
        () =>
          `${summary.shipments} shipments, ${summary.events} events (seed ${summary.seed}) written to ${options.out}`,
      )
    })
}

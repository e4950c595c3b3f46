import { readFileSync } from 'node:fs'
import {
  parseEventBatch,
  type BatchItem,
  type RejectedEvent,
  type TrackingIssue,
} from '@landsea/core/tracking'
import { type LandseaNode } from '@landsea/node'
import { SingleBar } from 'cli-progress'
import { Command } from 'commander'
import { CliError } from '../cli-error.js'
import { withNode, withNodeOptions } from '../node-options.js'
import { print, table } from '../output.js'

/** Totals of an import. */
export interface ImportSummary {
  readonly events: number
  readonly accepted: number
  readonly duplicates: number
  readonly rejected: readonly RejectedEvent[]
  /** Accepted events with a warning (a UN/LOCODE not in the location table). */
  readonly warnings: readonly {
    readonly eventID: string
    readonly issues: readonly TrackingIssue[]
  }[]
}

/**
 * Ingests batch items into a node in batches, with a progress bar on stderr when it is a
 * terminal; rejected events keep their position in the whole input.
 */
export async function importItems(
  node: LandseaNode,
  items: readonly BatchItem[],
  { batchSize = 5000, isQuiet = false }: { batchSize?: number; isQuiet?: boolean } = {},
): Promise<ImportSummary> {
  const bar =
    !isQuiet && process.stderr.isTTY
      ? new SingleBar({
          stream: process.stderr,
          format: 'importing [{bar}] {value}/{total} events  {eta_formatted} left',
        })
      : undefined
  bar?.start(items.length, 0)
  let accepted = 0
  let duplicates = 0
  const rejected: RejectedEvent[] = []
  const warnings: ImportSummary['warnings'][number][] = []
  try {
    for (let i = 0; i < items.length; i += batchSize) {
      const report = await node.tracking.ingest(items.slice(i, i + batchSize))
      accepted += report.accepted
      duplicates += report.duplicates.length
      rejected.push(...report.rejected)
      warnings.push(...report.warnings)
      bar?.update(Math.min(items.length, i + batchSize))
    }
  } finally {
    bar?.stop()
  }
  return { events: items.length, accepted, duplicates, rejected, warnings }
}

/** What an events file holds: a batch of T&T events, or an EPCIS document imported whole. */
type EventsFile = { items: BatchItem[] } | { epcis: unknown }

function readItems(file: string, format: string | undefined): EventsFile {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (cause) {
    throw new CliError('FILE_UNREADABLE', `cannot read ${file}: ${(cause as Error).message}`)
  }
  const kind =
    format ??
    (/\.(ndjson|jsonl)$/i.test(file) ? 'ndjson' : text.includes('"epcisBody"') ? 'epcis' : 'json')
  if (kind === 'epcis') {
    try {
      return { epcis: JSON.parse(text) as unknown }
    } catch (cause) {
      throw new CliError('FILE_UNREADABLE', `${file} is not JSON: ${(cause as Error).message}`)
    }
  }
  if (kind !== 'json' && kind !== 'ndjson') {
    throw new CliError('USAGE', `unknown format ${kind}: use json, ndjson or epcis`, {
      exitCode: 2,
    })
  }
  return { items: [...parseEventBatch(text)] }
}

/** Imports an EPCIS 2.0 document in one request: its container events and its GS1-keyed objects' events. */
async function importEpcis(node: LandseaNode, document: unknown): Promise<ImportSummary> {
  const report = await node.tracking.ingestEpcis(document)
  const list = (document as { epcisBody?: { eventList?: unknown[] } }).epcisBody?.eventList
  return {
    events: list?.length ?? 0,
    accepted: report.accepted,
    duplicates: report.duplicates.length,
    rejected: report.rejected,
    warnings: report.warnings,
  }
}

/** `landsea events import FILE`: ingest a JSON array, NDJSON or EPCIS 2.0 file of events. */
export function eventsImportCommand(): Command {
  return withNodeOptions(new Command('import'))
    .description(
      'import DCSA T&T 2.2 events (JSON array, NDJSON) or an EPCIS 2.0 document (containers, SGTIN, SSCC, GRAI, GIAI, classes)',
    )
    .argument('<file>', 'events file (.json, .ndjson/.jsonl, or an EPCIS document)')
    .option('--format <format>', 'json | ndjson | epcis (default: guessed from the file)')
    .option('--batch-size <n>', 'events per batch', (v) => Number.parseInt(v, 10), 5000)
    .option('--json', 'print JSON')
    .action(async (file: string, options) => {
      const read = readItems(file, options.format)
      await withNode(options, async (node) => {
        const summary =
          'epcis' in read
            ? await importEpcis(node, read.epcis)
            : await importItems(node, read.items, {
                batchSize: options.batchSize,
                isQuiet: Boolean(options.json),
              })
        const shown = summary.rejected.slice(0, 20)
        print(
          options.json,
          {
            ...summary,
            rejected: summary.rejected.length,
            rejections: shown,
            warnings: summary.warnings.slice(0, 20),
          },
          () =>
            [
              `${summary.events} events read: ${summary.accepted} accepted, ${summary.duplicates} already known, ${summary.rejected.length} rejected`,
              ...summary.warnings
                .slice(0, 20)
                .flatMap((w) =>
                  w.issues.map((i) => `warning ${w.eventID} ${i.path}: ${i.message}`),
                ),
              ...(shown.length > 0
                ? [
                    table([
                      ['INDEX', 'EVENT', 'CODE', 'PATH', 'REASON'],
                      ...shown.flatMap((r) =>
                        r.issues.map((i) => [
                          String(r.index),
                          r.eventID ?? '-',
                          i.code,
                          i.path,
                          i.message,
                        ]),
                      ),
                    ]),
                  ]
                : []),
            ].join('\n'),
        )
        // A script must see that not everything arrived: refused events fail the import.
        const refused = summary.rejected.length
        if (refused > 0) {
          throw new CliError(
            'EVENTS_REJECTED',
            `${refused} of ${summary.events} events were not imported`,
          )
        }
      })
    })
}

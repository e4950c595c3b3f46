import { toObjectEpcisDocument } from '@landsea/core/tracking'
import { Command } from 'commander'
import { withNode, withNodeOptions } from '../node-options.js'
import { print, table } from '../output.js'

/** `landsea events object KEY`: the EPCIS events the node holds for one GS1-keyed object. */
export function eventsObjectCommand(): Command {
  return withNodeOptions(new Command('object'))
    .description(
      "an object's EPCIS events (SGTIN, SSCC, GRAI, GIAI, GTIN or lot class), found by EPC URN or GS1 Digital Link",
    )
    .argument(
      '<key>',
      'urn:epc:id:sscc:0614141.1234567890, https://id.gs1.org/00/106141412345678908, …',
    )
    .option('--epcis', 'print an EPCIS 2.0 JSON-LD document of the events')
    .option('--json', 'print JSON')
    .action(async (key: string, options) => {
      await withNode(options, async (node) => {
        const { object, events } = await node.tracking.objectEvents(key)
        if (options.epcis) {
          const document = toObjectEpcisDocument(
            events.map((e) => e.event),
            new Date().toISOString(),
          )
          process.stdout.write(`${JSON.stringify(document, null, 2)}\n`)
          return
        }
        print(options.json, { object, events }, () =>
          [
            `${object.key} (${object.scheme}${object.isClass ? ', a class' : ''}): ${events.length} events`,
            table([
              ['TIME', 'TYPE', 'ACTION', 'BIZSTEP', 'LEAF', 'EVENT'],
              ...events.map(({ event: e, leafIndex }) => [
                String(e['eventTime']),
                String(e['type']),
                String(e['action'] ?? '-'),
                String(e['bizStep'] ?? '-'),
                String(leafIndex),
                String(e['eventID']),
              ]),
            ]),
          ].join('\n'),
        )
      })
    })
}

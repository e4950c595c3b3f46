import { Command, Option } from 'commander'
import { withNode, withNodeOptions } from '../node-options.js'
import { print, table } from '../output.js'

/** `landsea pint`: bills sent to and received from other platforms by DCSA PINT 3.0. */
export function pintCommand(): Command {
  const pint = new Command('pint').description(
    'DCSA PINT 3.0 transfers: the outbox (bills sent to other platforms) and the inbox',
  )
  pint.addCommand(
    withNodeOptions(new Command('outbox'))
      .description('transfers out: SENDING (locked, retried), TRANSFERRED or REJECTED')
      .addOption(
        new Option('--status <status>', 'only this status').choices([
          'SENDING',
          'TRANSFERRED',
          'REJECTED',
        ]),
      )
      .option('--retry', 'retry the SENDING transfers now')
      .option('--json', 'print JSON')
      .action(async (options) => {
        await withNode(options, async (node) => {
          if (options.retry) await node.pint.deliverPending()
          const list = (
            await node.pint.outbox(options.status ? { status: options.status } : {})
          ).map(({ envelope: _e, documents: _d, ...rest }) => rest)
          print(options.json, list, () =>
            table([
              ['ID', 'BILL', 'TO', 'ACTION', 'STATUS', 'CODE', 'ATTEMPTS', 'LAST ERROR'],
              ...list.map((t) => [
                t.id,
                t.documentId,
                t.platform,
                t.action,
                t.status,
                t.responseCode ?? '',
                String(t.attempts),
                t.lastError ?? '',
              ]),
            ]),
          )
        })
      }),
  )
  pint.addCommand(
    withNodeOptions(new Command('inbox'))
      .description('envelopes received from other platforms')
      .option('--json', 'print JSON')
      .action(async (options) => {
        await withNode(options, async (node) => {
          const list = (await node.pint.inbox()).map(({ envelope: _e, ...rest }) => rest)
          print(options.json, list, () =>
            table([
              ['REFERENCE', 'FROM', 'RECIPIENT', 'STATUS', 'DOCUMENT'],
              ...list.map((r) => [
                r.reference,
                r.sender,
                r.recipient,
                r.status,
                r.documentChecksum.slice(0, 16),
              ]),
            ]),
          )
        })
      }),
  )
  return pint
}

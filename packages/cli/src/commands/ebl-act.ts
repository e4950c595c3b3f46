import { ACTION_CODES, AMENDMENT_REASON_CODES } from '@landsea/core/ebl'
import { Command, Option } from 'commander'
import { resolveOrganisation, withNode, withNodeOptions } from '../node-options.js'
import { print } from '../output.js'
import { CliError } from '../cli-error.js'
import { parsePartyCode } from './platform.js'

/** `landsea ebl act`: take a title action as an organisation whose key the node holds. */
export function eblActCommand(): Command {
  return withNodeOptions(new Command('act'))
    .description(
      'take a title action (TRANSFER, ENDORSE, SURRENDER_FOR_DELIVERY, SACC, …) with a custodial key',
    )
    .argument('<id>', 'bill id')
    .addArgument(new Command().createArgument('<action>', 'DCSA action code').choices(ACTION_CODES))
    .requiredOption('--as <org>', 'acting organisation (id or part of its name)')
    .option(
      '--to <org>',
      'recipient organisation; with --platform, its party code PROVIDER[/LIST]:CODE (e.g. ZZZ/UEN:201912345R)',
    )
    .option('--platform <code>', 'send the bill to the recipient on this platform (DCSA PINT 3.0)')
    .option('--party-name <name>', 'with --platform: the recipient party name')
    .addOption(
      new Option('--pledge <flag>', 'flag a TRANSFER as a pledge or its release').choices([
        'PLEDGE',
        'RELEASE',
      ]),
    )
    .addOption(
      new Option('--reason <code>', 'surrender-for-amendment reason').choices(
        AMENDMENT_REASON_CODES,
      ),
    )
    .option('--comments <text>', 'comments (≤ 255 characters)')
    .option(
      '--green-claim <claimId>',
      'with --pledge PLEDGE: link the pledge to the shipment’s emissions claim (its id; the signed pledge cites id and digest)',
    )
    .option('--json', 'print JSON')
    .action(async (id: string, action: (typeof ACTION_CODES)[number], options) => {
      await withNode(options, async (node) => {
        const actor = await resolveOrganisation(node, options.as)
        if (options.platform) {
          if (!options.to)
            throw new CliError('RECIPIENT_REQUIRED', '--platform needs --to <party code>')
          const transfer = await node.pint.transferOut({
            documentId: id,
            actor,
            action,
            recipient: {
              platform: options.platform,
              ...parsePartyCode(options.to),
              ...(options.partyName ? { partyName: options.partyName } : {}),
            },
            ...(options.pledge ? { pledge: options.pledge } : {}),
          })
          const { envelope: _e, documents: _d, ...view } = transfer
          print(
            options.json,
            view,
            () =>
              `${action} to ${options.to} on ${options.platform}: ${transfer.status}${transfer.responseCode ? ` (${transfer.responseCode})` : ''}${transfer.lastError ? `, ${transfer.lastError}; retried by the node (landsea pint outbox)` : ''}`,
          )
          return
        }
        const recipient = options.to ? await resolveOrganisation(node, options.to) : undefined
        if (options.greenClaim && options.pledge !== 'PLEDGE')
          throw new CliError(
            'GREEN_CLAIM_WITHOUT_PLEDGE',
            '--green-claim goes with --pledge PLEDGE',
          )
        const greenLink = options.greenClaim
          ? await node.emissions.greenLink(
              (await node.registry.get(id)).reference,
              String(options.greenClaim),
            )
          : undefined
        const result = await node.registry.act({
          documentId: id,
          actor,
          action,
          ...(recipient ? { recipient } : {}),
          ...(options.pledge ? { pledge: options.pledge } : {}),
          ...(options.reason ? { reasonCode: options.reason } : {}),
          ...(options.comments ? { comments: options.comments } : {}),
          ...(greenLink ? { greenLink } : {}),
        })
        print(
          options.json,
          result,
          () =>
            `${action}${greenLink ? ' (green-linked)' : ''} accepted: ${result.record.reference} is ${result.record.state.status}, possessor ${result.record.state.possessor} (entry ${result.entry.entryChecksum.slice(0, 16)}…)`,
        )
      })
    })
}

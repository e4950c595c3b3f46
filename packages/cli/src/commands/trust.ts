import { readRecognition, readTrustList } from '@landsea/core/identity'
import type { LandseaNode } from '@landsea/node'
import { Command } from 'commander'
import { CliError } from '../cli-error.js'
import { withNode, withNodeOptions } from '../node-options.js'
import { print, table } from '../output.js'

/** Finds a hosted authority by DID or jurisdiction. */
async function resolveAuthority(node: LandseaNode, value: string): Promise<string> {
  const { authorities } = await node.identityService.settings()
  const match = authorities.find((a) => a.did === value || a.jurisdiction === value.toUpperCase())
  if (!match) {
    throw new CliError(
      'IDENTITY_AUTHORITY_NOT_FOUND',
      `no hosted authority matches "${value}"; known: ${authorities.map((a) => a.jurisdiction).join(', ') || 'none'}`,
    )
  }
  return match.did
}

function trustShowCommand(): Command {
  return withNodeOptions(new Command('show'))
    .description(
      'show the trust anchor, every jurisdiction’s signed trust list and the recognition statements',
    )
    .option('--json', 'print JSON')
    .action(async (options) => {
      await withNode(options, async (node) => {
        const { anchor } = await node.identityService.settings()
        const material = await node.identityService.trustMaterial()
        const lists = material.lists.map((jws) => readTrustList(jws))
        const recognitions = material.recognitions.map(readRecognition)
        const data = {
          anchor: anchor
            ? { jurisdiction: anchor.jurisdiction, authority: anchor.authority }
            : null,
          lists,
          recognitions: recognitions.map(({ recognised, ...rest }) => ({
            ...rest,
            recognised: {
              jurisdiction: recognised.jurisdiction,
              authority: recognised.authority,
              minimumListVersion: recognised.minimumListVersion,
            },
          })),
        }
        print(options.json, data, () =>
          [
            `Anchor: ${anchor ? `${anchor.jurisdiction} ${anchor.authority}` : 'none'}`,
            '',
            table([
              ['LIST', 'VERSION', 'ISSUER', 'TYPES', 'SCHEMES', 'UNTIL'],
              ...lists.flatMap((l) =>
                l.entries.map((e) => [
                  l.jurisdiction,
                  String(l.version),
                  `${e.name} (${e.issuer})`,
                  e.credentialTypes.join(','),
                  e.identifierSchemes.join(','),
                  e.validUntil,
                ]),
              ),
            ]),
            '',
            table([
              ['RECOGNISER', 'RECOGNISES', 'TYPES', 'UNTIL'],
              ...recognitions.map((r) => [
                r.recogniser.jurisdiction,
                `${r.recognised.jurisdiction} (list v${r.recognised.minimumListVersion}+)`,
                r.credentialTypes.join(','),
                r.validUntil,
              ]),
            ]),
          ].join('\n'),
        )
      })
    })
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}

function trustRecogniseCommand(): Command {
  return withNodeOptions(new Command('recognise'))
    .description(
      'sign a recognition statement: one jurisdiction’s authority recognises another’s trust list',
    )
    .requiredOption(
      '--recognised <did|jurisdiction>',
      'the authority whose list is recognised, e.g. SG',
    )
    .option('--by <did|jurisdiction>', 'the recognising authority; default: the node’s anchor')
    .requiredOption('--type <type>', 'credential type in scope, repeatable', collect)
    .option('--role <role>', 'trade role in scope, repeatable (default: all)', collect)
    .option('--from <iso>', 'start of validity', new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'))
    .option(
      '--until <iso>',
      'end of validity',
      new Date(Date.now() + 365 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    )
    .option('--json', 'print JSON')
    .action(async (options) => {
      await withNode(options, async (node) => {
        const recognisedDid = await resolveAuthority(node, options.recognised)
        const recogniserDid = options.by
          ? await resolveAuthority(node, options.by)
          : (await node.identityService.settings()).anchor?.authority
        if (!recogniserDid)
          throw new CliError('IDENTITY_AUTHORITY_NOT_FOUND', 'the node has no anchor; give --by')
        const jws = await node.identityService.recognise({
          recogniserDid,
          recognisedDid,
          credentialTypes: options.type,
          ...(options.role ? { roles: options.role } : {}),
          validFrom: options.from,
          validUntil: options.until,
        })
        const statement = readRecognition(jws)
        print(
          options.json,
          { ...statement, jws },
          () =>
            `${statement.recogniser.jurisdiction} now recognises the ${statement.recognised.jurisdiction} list for ${statement.credentialTypes.join(', ')} until ${statement.validUntil}`,
        )
      })
    })
}

/** `landsea trust show|recognise`: trust lists and mutual recognition. */
export function trustCommand(): Command {
  return new Command('trust').addCommand(trustShowCommand()).addCommand(trustRecogniseCommand())
}

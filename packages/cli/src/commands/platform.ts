import { readFileSync } from 'node:fs'
import { Command } from 'commander'
import { CliError } from '../cli-error.js'
import { withNode, withNodeOptions } from '../node-options.js'
import { print, table } from '../output.js'

/** Parses `PROVIDER[/LIST]:CODE`, e.g. `GLEIF:5493001KJTIIGC8Y1R12` or `ZZZ/UEN:201912345R`. */
export function parsePartyCode(text: string): {
  codeListProvider: string
  partyCode: string
  codeListName?: string
} {
  const match = /^([^/:]+)(?:\/([^:]+))?:(.+)$/.exec(text)
  if (!match)
    throw new CliError(
      'PARTY_CODE_INVALID',
      `"${text}" is not PROVIDER[/LIST]:CODE (e.g. GLEIF:5493001KJTIIGC8Y1R12, ZZZ/UEN:201912345R)`,
    )
  return {
    codeListProvider: match[1]!,
    partyCode: match[3]!,
    ...(match[2] ? { codeListName: match[2] } : {}),
  }
}

const collect = (value: string, previous: string[]) => [...previous, value]

/** `landsea platform`: this node as a DCSA PINT platform, and its directory of other platforms. */
export function platformCommand(): Command {
  const platform = new Command('platform').description(
    'DCSA PINT platforms: this node, and the directory of platforms it exchanges bills with',
  )
  platform.addCommand(
    withNodeOptions(new Command('self'))
      .description(
        "this node's platform code, name and public keys (JWKS), to give other platforms",
      )
      .option('--json', 'print JSON')
      .action(async (options) => {
        await withNode(options, async (node) => {
          const self = await node.pint.platform()
          print(options.json, self, () =>
            [
              `${self.code}  ${self.name}`,
              ...self.jwks.keys.map((k) => `  key ${k.kid} (${k.alg})`),
            ].join('\n'),
          )
        })
      }),
  )
  platform.addCommand(
    withNodeOptions(new Command('add'))
      .description('add or update a platform in the directory (operator)')
      .argument('<code>', 'DCSA platform code (4 characters, e.g. SGTD)')
      .requiredOption('--name <name>', 'platform name')
      .requiredOption('--url <url>', 'PINT base URL (/v3/envelopes is appended)')
      .requiredOption(
        '--jwks <file>',
        'its public keys: a JWKS file, or the JSON of its `landsea platform self --json`',
      )
      .option('--party <code>', 'a party it serves, PROVIDER[/LIST]:CODE (repeatable)', collect, [])
      .option('--json', 'print JSON')
      .action(async (code: string, options) => {
        let jwks: unknown
        try {
          const parsed = JSON.parse(readFileSync(options.jwks, 'utf8')) as { jwks?: unknown }
          jwks = parsed.jwks ?? parsed
        } catch (cause) {
          throw new CliError(
            'JWKS_UNREADABLE',
            `cannot read a JWKS from ${options.jwks}: ${cause instanceof Error ? cause.message : String(cause)}`,
          )
        }
        await withNode(options, async (node) => {
          const record = await node.pint.addPlatform({
            code,
            name: options.name,
            url: options.url,
            jwks: jwks as never,
            parties: (options.party as string[]).map(parsePartyCode),
          })
          print(
            options.json,
            record,
            () => `platform ${record.code} (${record.name}) at ${record.url}`,
          )
        })
      }),
  )
  platform.addCommand(
    withNodeOptions(new Command('list'))
      .description('list the platform directory')
      .option('--json', 'print JSON')
      .action(async (options) => {
        await withNode(options, async (node) => {
          const list = await node.pint.listPlatforms()
          print(options.json, list, () =>
            table([
              ['CODE', 'NAME', 'URL', 'KEYS', 'PARTIES'],
              ...list.map((p) => [
                p.code,
                p.name,
                p.url,
                String(p.jwks.keys.length),
                String(p.parties.length),
              ]),
            ]),
          )
        })
      }),
  )
  platform.addCommand(
    withNodeOptions(new Command('remove'))
      .description('remove a platform from the directory')
      .argument('<code>', 'DCSA platform code')
      .action(async (code: string, options) => {
        await withNode(options, async (node) => {
          await node.pint.removePlatform(code)
          process.stdout.write(`removed platform ${code}\n`)
        })
      }),
  )
  return platform
}

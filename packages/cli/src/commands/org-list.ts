import { Command } from 'commander'
import { withNode, withNodeOptions } from '../node-options.js'
import { print, table } from '../output.js'

/** `landsea org list`: the organisations a node knows. */
export function orgListCommand(): Command {
  return withNodeOptions(new Command('list'))
    .description('list the organisations this node knows')
    .option('--json', 'print JSON')
    .action(async (options) => {
      await withNode(options, async (node) => {
        const orgs = await node.organisations.list()
        print(options.json, orgs, () =>
          table([
            ['ID', 'COUNTRY', 'ROLES', 'NAME'],
            ...orgs.map((o) => [
              o.id,
              o.country,
              o.roles.join(','),
              o.nameZh ? `${o.name} / ${o.nameZh}` : o.name,
            ]),
          ]),
        )
      })
    })
}

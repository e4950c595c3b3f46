import { Command } from 'commander'
import { withNodeOptions } from '../node-options.js'
import { print } from '../output.js'

/** `landsea secrets rotate-key`: seal every secret again under a new key-encryption key. */
function rotateKeyCommand(): Command {
  return withNodeOptions(new Command('rotate-key'))
    .description(
      'seal every secret (ledger and witness seeds, custodial keys) again under a new key-encryption key: ' +
        'master.key in the data folder, or LANDSEA_NEW_MASTER_KEY when the key is LANDSEA_MASTER_KEY. ' +
        'Stop the node first; a rotation cut short leaves the node openable, and running this again finishes it (docs/deploy.md)',
    )
    .option('--json', 'print JSON')
    .action(async (options) => {
      const { rotateMasterKey } = await import('@landsea/node')
      const rotation = await rotateMasterKey({
        dataDir: options.data,
        ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      })
      print(options.json, rotation, () =>
        [
          ...rotation.resealed.map((r) => `${r.database}: ${r.values} secrets sealed again`),
          rotation.keyIn === 'master.key'
            ? `The new key is ${options.data}/master.key; keep a copy where you keep backups.`
            : 'Now set LANDSEA_MASTER_KEY to the value of LANDSEA_NEW_MASTER_KEY, unset LANDSEA_NEW_MASTER_KEY, and start the node.',
        ].join('\n'),
      )
    })
}

/** `landsea secrets`: the node's secrets at rest. */
export function secretsCommand(): Command {
  return new Command('secrets').addCommand(rotateKeyCommand())
}

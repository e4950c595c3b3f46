import { startWitness } from '@landsea/server'
import { Command, InvalidArgumentError } from 'commander'
import { withNode, withNodeOptions } from '../node-options.js'
import { print, table } from '../output.js'

const collect = (value: string, previous: string[] = []) => [...previous, value]

function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('a port is 0 to 65535')
  return port
}

/** `landsea witness serve`: a standalone C2SP witness for the given logs. */
function witnessServeCommand(): Command {
  return withNodeOptions(new Command('serve'))
    .description(
      'run a standalone witness (C2SP tlog-witness) that cosigns only consistent checkpoints',
    )
    .requiredOption('--log <vkey>', 'verifier key of a log to witness (repeatable)', collect)
    .option('--name <name>', 'the witness key name', 'witness.landsea')
    .option('-p, --port <port>', 'port to listen on', parsePort, 8090)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--json', 'print the witness URL and key as JSON')
    .action(async (options) => {
      const running = await startWitness({
        dataDir: options.data,
        ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
        logKeys: options.log,
        name: options.name,
        port: options.port,
        host: options.host,
      })
      print(options.json, { url: running.url, witnessKey: running.witnessKey }, () =>
        [
          `Witness ${running.name} for ${options.log.length} log(s)`,
          `  submission prefix  ${running.url}`,
          `  cosignature key    ${running.witnessKey}`,
          'Stop with Ctrl+C.',
        ].join('\n'),
      )
      const stop = () => void running.close().then(() => process.exit(0))
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
}

/** `landsea witness peer`: witness another node's log and ask its witness to cosign ours. */
function witnessPeerCommand(): Command {
  return withNodeOptions(new Command('peer'))
    .description("peer this node's ledger with another node (each witnesses the other)")
    .argument('<url>', 'base URL of the other node')
    .option('--json', 'print JSON')
    .action(async (url: string, options) => {
      await withNode(options, async (node) => {
        const peer = await node.ledger.addPeerAt(url)
        print(
          options.json,
          peer,
          () => `peered with ${peer.origin}; its witness: ${peer.witnessKey}`,
        )
      })
    })
}

/** `landsea witness evidence`: what this node's witness refused, with the proof of misbehaviour. */
function witnessEvidenceCommand(): Command {
  return withNodeOptions(new Command('evidence'))
    .description(
      'list evidence of log misbehaviour (forks, failed consistency proofs) this node witnessed',
    )
    .option('--json', 'print JSON')
    .action(async (options) => {
      await withNode(options, async (node) => {
        const evidence = await node.ledger.evidence()
        print(options.json, { evidence }, () =>
          evidence.length === 0
            ? 'no evidence: every checkpoint seen was consistent'
            : table([
                ['observed', 'log', 'reason', 'message'],
                ...evidence.map((e) => [e.observedAt, e.origin, e.reason, e.message]),
              ]),
        )
      })
    })
}

/** `landsea witness`: the node's witness and standalone witnesses. */
export function witnessCommand(): Command {
  return new Command('witness')
    .addCommand(witnessServeCommand())
    .addCommand(witnessPeerCommand())
    .addCommand(witnessEvidenceCommand())
}

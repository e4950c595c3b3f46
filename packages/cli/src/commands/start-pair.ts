import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PAIR_SIDES, seedPairDemo } from '@landsea/node'
import { startNode, type RunningNode } from '@landsea/server'
import { Command, InvalidArgumentError } from 'commander'

function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 1 || port > 65534)
    throw new InvalidArgumentError('a port is 1 to 65534')
  return port
}

/** The two corridor nodes: each platform operator runs one. */
const PAIR = [
  { folder: 'chongqing', name: 'Chongqing node', ...PAIR_SIDES.chongqing },
  { folder: 'singapore', name: 'Singapore node', ...PAIR_SIDES.singapore },
] as const

/**
 * `landsea start-pair`: a Chongqing node and a Singapore node on one machine, each with its own database and
 * keys, each a PINT platform in the other's directory, peered so that each witnesses (cosigns) the
 * other's ledger checkpoints. The demo seed puts the Singapore consignee and bank on the Singapore
 * node, and bills that crossed between them by PINT (docs/pint.md).
 */
export function startPairCommand(): Command {
  return new Command('start-pair')
    .option(
      '-p, --port <port>',
      'port of the Chongqing node; the Singapore node takes the next one',
      parsePort,
      Number(process.env.PORT ?? 8080),
    )
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option(
      '--data <dir>',
      'parent folder of both nodes’ data (<dir>/chongqing, <dir>/singapore)',
      './landsea-pair',
    )
    .option('--no-seed', 'do not seed the demo corridor on first run')
    .action(async (options) => {
      const running: RunningNode[] = []
      let seeded: Awaited<ReturnType<typeof seedPairDemo>> | undefined
      try {
        for (const [i, node] of PAIR.entries()) {
          const port = options.port + i
          running.push(
            await startNode({
              port,
              host: options.host,
              seed: false,
              platformCode: node.platform,
              dataDir: join(options.data, node.folder),
              // The pair peers over loopback by construction (docs/deploy.md: outbound policy).
              outbound: { allowLoopback: true },
              identity: {
                name: node.name,
                jurisdiction: node.jurisdiction,
                publicUrl: `http://${options.host}:${port}`,
              },
            }),
          )
        }
        const [cq, sg] = running as [RunningNode, RunningNode]
        const empty = async (r: RunningNode) =>
          (await r.node.organisations.listOrganisationIds()).length === 0
        if (options.seed && (await empty(cq)) && (await empty(sg))) {
          process.stdout.write(
            'Seeding the corridor pair: bills cross between the nodes by PINT…\n',
          )
          seeded = await seedPairDemo({ chongqing: cq, singapore: sg })
        } else {
          await cq.node.ledger.addPeerAt(sg.url)
          await sg.node.ledger.addPeerAt(cq.url)
        }
      } catch (error) {
        for (const r of running) await r.close()
        throw error
      }
      const lines: string[] = []
      for (const [i, r] of running.entries()) {
        const spec = PAIR[i]!
        lines.push(
          `${r.node.identity.name} (${r.node.identity.jurisdiction}), data in ${join(options.data, spec.folder)}`,
          `  Dashboard:  ${r.url}/    API docs: ${r.url}/docs`,
        )
        if (seeded) {
          const file = join(options.data, spec.folder, 'demo-keys.json')
          writeFileSync(file, `${JSON.stringify(seeded[spec.folder], null, 2)}\n`, {
            mode: 0o600,
          })
          lines.push(`  Demo API keys: ${file}`)
        }
      }
      lines.push(
        '',
        'Each node witnesses the other: checkpoints carry the peer’s cosignature.',
        'Each node is a PINT platform (LSCQ, LSSG) in the other’s directory: bills cross between them.',
        'Press Ctrl+C to stop.',
      )
      process.stdout.write(`${lines.join('\n')}\n`)
      const stop = async () => {
        for (const r of running) await r.close()
        process.exit(0)
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
}

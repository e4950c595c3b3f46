import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startNode } from '@landsea/server'
import { Command, InvalidArgumentError } from 'commander'
import { CliError } from '../cli-error.js'
import { clusterWorkerId, runClusterPrimary } from '../cluster.js'
import { withNodeOptions } from '../node-options.js'

function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('a port is 0 to 65535')
  return port
}

function parseRateLimit(value: string): number {
  const limit = Number(value)
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
    throw new InvalidArgumentError('a rate limit is 1 to 100000 requests a minute')
  return limit
}

function parseWorkers(value: string): number {
  const workers = Number(value)
  if (!Number.isInteger(workers) || workers < 1 || workers > 64)
    throw new InvalidArgumentError('workers is 1 to 64')
  return workers
}

/** `landsea start`: run a node (API, /openapi.json, /docs, dashboard) on one port. */
export function startCommand(): Command {
  return withNodeOptions(new Command('start'))
    .option(
      '-p, --port <port>',
      'port to listen on (env PORT)',
      parsePort,
      Number(process.env.PORT ?? 8080),
    )
    .option('--host <host>', 'address to bind', process.env.HOST ?? '127.0.0.1')
    .option('--name <name>', 'display name of the node')
    .option('--jurisdiction <cc>', 'ISO 3166 country code of the node operator (CN, SG, …)')
    .option('--platform-code <code>', 'DCSA PINT platform code of this node (4 characters)')
    .option('--no-seed', 'do not seed the demo corridor on first run')
    .option('--log', 'log every request')
    .option(
      '--outbound-rate-limit <n>',
      'requests a minute per API key on routes that cost the node an outbound request (DID resolution, credential verification, joining)',
      parseRateLimit,
      30,
    )
    .option(
      '--workers <n>',
      'node processes sharing the port (node:cluster; needs PostgreSQL, docs/deploy.md)',
      parseWorkers,
      1,
    )
    .action(async (options) => {
      if (options.workers > 1 && clusterWorkerId() === undefined) {
        if (!options.databaseUrl) {
          throw new CliError(
            'WORKERS_NEED_POSTGRES',
            'several workers share one PostgreSQL database: give --database-url (SQLite has one writer)',
          )
        }
        runClusterPrimary(options.workers)
        return
      }
      const running = await startNode({
        port: options.port,
        host: options.host,
        seed: options.seed,
        logger: Boolean(options.log),
        outboundPerMinute: options.outboundRateLimit,
        dataDir: options.data,
        ...(options.platformCode ? { platformCode: options.platformCode } : {}),
        ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
        ...(options.name || options.jurisdiction
          ? {
              identity: {
                ...(options.name ? { name: options.name } : {}),
                ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}),
              },
            }
          : {}),
      })
      const where = options.databaseUrl ? 'PostgreSQL' : `SQLite in ${options.data}`
      const worker = clusterWorkerId()
      const lines = [
        `Landsea node "${running.node.identity.name}" (${running.node.identity.jurisdiction}) on ${where}${worker ? ` (worker ${worker})` : ''}`,
        `  Dashboard:  ${running.url}/`,
        `  API docs:   ${running.url}/docs`,
        `  OpenAPI:    ${running.url}/openapi.json`,
      ]
      const keysFile = options.databaseUrl ? undefined : join(options.data, 'demo-keys.json')
      if (running.seeded) {
        lines.push('', 'Seeded the demo corridor. API keys (sign in to the dashboard with one):')
        for (const [role, org] of Object.entries(running.seeded.organisations)) {
          lines.push(`  ${role.padEnd(10)} ${org.apiKey}  ${org.name}`)
        }
        if (keysFile) {
          writeFileSync(keysFile, `${JSON.stringify(running.seeded.organisations, null, 2)}\n`, {
            mode: 0o600,
          })
          lines.push(`  (saved in ${keysFile})`)
        }
      } else if (keysFile && existsSync(keysFile)) {
        lines.push('', `Demo API keys: ${keysFile}`)
      }
      lines.push('', 'Press Ctrl+C to stop.')
      process.stdout.write(`${lines.join('\n')}\n`)
      const stop = async () => {
        await running.close()
        process.exit(0)
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
}

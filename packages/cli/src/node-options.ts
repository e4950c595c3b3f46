import type { LandseaNode } from '@landsea/node'
import type { Command } from 'commander'

/** The options every command that touches a node's data takes. */
export interface NodeOptions {
  readonly data: string
  readonly databaseUrl?: string
}

/** Adds `--data DIR` and `--database-url URL` (env LANDSEA_DATA, DATABASE_URL). */
export function withNodeOptions(command: Command): Command {
  return command
    .option(
      '--data <dir>',
      'data folder of the node (SQLite)',
      process.env.LANDSEA_DATA ?? './landsea-data',
    )
    .option('--database-url <url>', 'PostgreSQL URL instead of SQLite', process.env.DATABASE_URL)
}

/** Opens the node the options point at, runs `fn`, and closes it. */
export async function withNode<T>(
  options: NodeOptions,
  fn: (node: LandseaNode) => Promise<T>,
): Promise<T> {
  // Loaded here, not at the top: the storage drivers are for the commands that open a node.
  const { createNode } = await import('@landsea/node')
  const node = await createNode({
    dataDir: options.data,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  })
  try {
    return await fn(node)
  } finally {
    await node.close()
  }
}

/** Finds an organisation by id or by a unique, case-insensitive part of its name. */
export async function resolveOrganisation(node: LandseaNode, idOrName: string): Promise<string> {
  const all = await node.organisations.list()
  const needle = idOrName.toLowerCase()
  const exact = all.find(
    (o) => o.id === idOrName || o.name.toLowerCase() === needle || o.nameZh === idOrName,
  )
  if (exact) return exact.id
  const matches = all.filter(
    (o) => o.name.toLowerCase().includes(needle) || o.nameZh?.includes(idOrName),
  )
  if (matches.length === 1) return matches[0]!.id
  const { CliError } = await import('./cli-error.js')
  throw new CliError(
    'ORGANISATION_NOT_FOUND',
    matches.length === 0
      ? `no organisation matches "${idOrName}" (see: landsea org list)`
      : `"${idOrName}" matches ${matches.length} organisations: ${matches.map((m) => m.name).join('; ')}`,
  )
}

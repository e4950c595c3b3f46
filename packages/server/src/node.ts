import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createTitleRegistry, type TitleRegistry } from '@landsea/core/ebl'
import {
  createDatabase,
  createEblStore,
  createNodeSettingsStore,
  createOrganisationStore,
  type LandseaDatabase,
  type NodeSettingsStore,
  type OrganisationStore,
} from '@landsea/storage'

/** Who runs a node: its display name, its jurisdiction (ISO 3166 alpha-2) and its public URL. */
export interface NodeIdentity {
  readonly name: string
  readonly jurisdiction: string
  readonly publicUrl?: string
}

/** Everything a node is made of; built once per process by {@link createNode}. */
export interface LandseaNode {
  readonly identity: NodeIdentity
  readonly database: LandseaDatabase
  readonly organisations: OrganisationStore
  readonly settings: NodeSettingsStore
  readonly registry: TitleRegistry
  close(): Promise<void>
}

/** Where a node keeps its data: a folder for SQLite, or a PostgreSQL URL. */
export interface NodeStorageOptions {
  /** Folder for the SQLite file; created when missing. Ignored when `databaseUrl` is set. */
  readonly dataDir?: string
  /** PostgreSQL connection URL. */
  readonly databaseUrl?: string
  /** Use an in-memory SQLite database (tests). */
  readonly inMemory?: boolean
  /** An already open database (tests open one per database kind). */
  readonly database?: LandseaDatabase
}

/** Opens a node's database and wires its stores and use cases. The composition root of the data layer. */
export async function createNode({
  dataDir = './landsea-data',
  databaseUrl,
  inMemory = false,
  identity,
  database: given,
}: NodeStorageOptions & { identity?: Partial<NodeIdentity> } = {}): Promise<LandseaNode> {
  let database: LandseaDatabase
  if (given) {
    database = given
  } else if (databaseUrl) {
    database = await createDatabase({ url: databaseUrl })
  } else if (inMemory) {
    database = await createDatabase({ file: ':memory:' })
  } else {
    mkdirSync(dataDir, { recursive: true })
    database = await createDatabase({ file: join(dataDir, 'landsea.sqlite') })
  }
  const { db } = database
  const organisations = createOrganisationStore(db)
  const settings = createNodeSettingsStore(db)
  const stored = await settings.get<NodeIdentity>('identity')
  const resolved: NodeIdentity = {
    name: identity?.name ?? stored?.name ?? 'Landsea node',
    jurisdiction: identity?.jurisdiction ?? stored?.jurisdiction ?? 'CN',
    ...((identity?.publicUrl ?? stored?.publicUrl)
      ? { publicUrl: identity?.publicUrl ?? stored?.publicUrl }
      : {}),
  }
  if (!stored || identity) await settings.set('identity', resolved)
  const registry = createTitleRegistry({ store: createEblStore(db), directory: organisations })
  return {
    identity: resolved,
    database,
    organisations,
    settings,
    registry,
    close: () => database.destroy(),
  }
}

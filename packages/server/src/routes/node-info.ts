import { Type } from '@sinclair/typebox'
import type { NodeIdentity } from '@landsea/node'
import type { RoutePlugin } from '../route-plugin.js'

/** Dependencies of the node information routes. */
export interface NodeInfoRoutesOptions {
  readonly identity: NodeIdentity
  readonly dialect: string
}

/** Health and who this node is. */
export const nodeInfoRoutes: RoutePlugin<NodeInfoRoutesOptions> = async (
  app,
  { identity, dialect },
) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['node'],
        summary: 'Liveness',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  )
  app.get(
    '/api/node',
    {
      schema: {
        tags: ['node'],
        summary: 'This node: name, jurisdiction, storage',
        response: {
          200: Type.Object({
            name: Type.String(),
            jurisdiction: Type.String(),
            publicUrl: Type.Optional(Type.String()),
            database: Type.String(),
            version: Type.String(),
          }),
        },
      },
    },
    async () => ({ ...identity, database: dialect, version: '0.1.0' }),
  )
}

import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useSession } from './session.js'
import { useResource } from './use-api.js'

/** An organisation of the node, as `GET /api/organisations` lists it (fields we read). */
export interface Organisation {
  readonly id: string
  readonly name: string
  readonly nameZh?: string
  readonly country?: string
  readonly roles: readonly string[]
}

const record = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v : undefined

/** Reads one organisation defensively; null without an id. */
export function readOrganisation(value: unknown): Organisation | null {
  const org = record(value)
  const id = text(org?.id)
  if (!org || !id) return null
  const roles = Array.isArray(org.roles)
    ? org.roles.filter((r): r is string => typeof r === 'string')
    : []
  return {
    id,
    name: text(org.name) ?? id,
    nameZh: text(org.nameZh),
    country: text(org.country),
    roles,
  }
}

/** Reads `GET /api/organisations` (`{ items: [...] }`, or a bare array) defensively. */
export function readOrganisations(body: unknown): readonly Organisation[] {
  const root = record(body)
  const items = Array.isArray(body) ? body : Array.isArray(root?.items) ? root.items : []
  return items.flatMap((item) => readOrganisation(item) ?? [])
}

/** The name of an organisation in the language: the Chinese name in Chinese when it has one. */
export function displayName(org: Pick<Organisation, 'name' | 'nameZh'>, language: string): string {
  return language === 'zh' && org.nameZh ? org.nameZh : org.name
}

/** The node's organisations and a function naming one by id (the id itself when unknown). */
export function useOrganisations(): {
  organisations: readonly Organisation[]
  nameOf: (id: string | null | undefined) => string
} {
  const { client, me } = useSession()
  const { i18n } = useTranslation()
  const resource = useResource(`organisations:${me?.id ?? '-'}`, async () =>
    readOrganisations(await client.get<unknown>('/organisations')),
  )
  const organisations = resource.status === 'ready' ? resource.data : []
  const nameOf = useCallback(
    (id: string | null | undefined) => {
      if (!id) return '—'
      const org = organisations.find((o) => o.id === id)
      return org ? displayName(org, i18n.language) : id
    },
    [organisations, i18n.language],
  )
  return { organisations, nameOf }
}

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import { ApiError, createApiClient, type ApiClient } from './api-client.js'

const STORAGE_KEY = 'landsea.apiKey'

/** The organisation signed in, as `GET /api/me` describes it (fields we read). */
export interface Me {
  readonly id: string
  readonly name: string
  readonly did?: string
  readonly roles?: readonly string[]
}

/** Who is signed in and how to call the API as them. */
export interface Session {
  readonly me: Me | null
  readonly client: ApiClient
  signIn(apiKey: string): Promise<Me>
  signOut(): void
}

const SessionContext = createContext<Session | null>(null)

/** Reads the organisation out of a `GET /api/me` answer, whether wrapped or not. */
export function readMe(body: unknown): Me {
  const record = (v: unknown): Record<string, unknown> | null =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null
  const root = record(body)
  const org = record(root?.organisation) ?? record(root?.organization) ?? root
  const id = org?.id
  const name = org?.name ?? org?.legalName ?? id
  if (typeof id !== 'string' || typeof name !== 'string') {
    throw new ApiError('BAD_RESPONSE', 'GET /api/me did not name an organisation', 200)
  }
  const roles = Array.isArray(org?.roles)
    ? org.roles.filter((r): r is string => typeof r === 'string')
    : undefined
  return { id, name, did: typeof org?.did === 'string' ? org.did : undefined, roles }
}

function storedKey(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

/** Provides the {@link Session}; the API key lives in sessionStorage, gone when the tab closes. */
export function SessionProvider({
  initialMe,
  children,
}: {
  initialMe: Me | null
  children: ReactNode
}) {
  const [apiKey, setApiKey] = useState<string | null>(() => (initialMe ? storedKey() : null))
  const [me, setMe] = useState<Me | null>(initialMe)
  const client = useMemo(() => createApiClient({ apiKey }), [apiKey])

  const signIn = useCallback(async (key: string) => {
    const candidate = createApiClient({ apiKey: key })
    const found = readMe(await candidate.get<unknown>('/me'))
    try {
      sessionStorage.setItem(STORAGE_KEY, key)
    } catch {
      // Without storage the session lasts until reload.
    }
    setApiKey(key)
    setMe(found)
    return found
  }, [])

  const signOut = useCallback(() => {
    try {
      sessionStorage.removeItem(STORAGE_KEY)
    } catch {
      // Nothing stored.
    }
    setApiKey(null)
    setMe(null)
  }, [])

  const session = useMemo(() => ({ me, client, signIn, signOut }), [me, client, signIn, signOut])
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
}

/** Restores a session saved in this tab, if its key is still accepted. */
export async function restoreSession(): Promise<Me | null> {
  const key = storedKey()
  if (!key) return null
  try {
    return readMe(await createApiClient({ apiKey: key }).get<unknown>('/me'))
  } catch {
    return null
  }
}

/** The current {@link Session}. */
export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside SessionProvider')
  return session
}

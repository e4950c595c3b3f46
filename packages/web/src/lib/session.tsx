import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import { ApiError, createApiClient, type ApiClient } from './api-client.js'
import { readOrganisation, type Organisation } from './organisations.js'

const STORAGE_KEY = 'landsea.apiKey'

/** The organisation signed in, as `GET /api/me` describes it (fields we read). */
export type Me = Organisation

/** Who is signed in and how to call the API as them. */
export interface Session {
  readonly me: Me | null
  readonly client: ApiClient
  signIn(apiKey: string): Promise<Me>
  signOut(): void
}

const SessionContext = createContext<Session | null>(null)

/** Reads the organisation out of a `GET /api/me` answer. */
export function readMe(body: unknown): Me {
  const me = readOrganisation(body)
  if (!me) throw new ApiError('BAD_RESPONSE', 'GET /api/me did not name an organisation', 200)
  return me
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

import { useCallback, useEffect, useState } from 'react'
import type { ApiError } from './api-client.js'

/** The state of one request: loading, failed or loaded, with a way to load again. */
export type Resource<T> =
  | { readonly status: 'loading'; readonly reload: () => void }
  | { readonly status: 'error'; readonly error: ApiError | Error; readonly reload: () => void }
  | { readonly status: 'ready'; readonly data: T; readonly reload: () => void }

/**
 * Runs `load` when `key` changes (or on `reload()`) and tracks its state. Stale answers of a
 * superseded key are dropped.
 */
export function useResource<T>(key: string | null, load: () => Promise<T>): Resource<T> {
  const [state, setState] = useState<
    { status: 'loading' } | { status: 'error'; error: Error } | { status: 'ready'; data: T }
  >({ status: 'loading' })
  const [generation, setGeneration] = useState(0)
  const reload = useCallback(() => setGeneration((g) => g + 1), [])

  useEffect(() => {
    if (key === null) return
    let isCurrent = true
    setState({ status: 'loading' })
    load().then(
      (data) => isCurrent && setState({ status: 'ready', data }),
      (error: unknown) =>
        isCurrent &&
        setState({
          status: 'error',
          error: error instanceof Error ? error : new Error(String(error)),
        }),
    )
    return () => {
      isCurrent = false
    }
    // `load` is recreated every render; `key` says when the request changes.
  }, [key, generation])

  return { ...state, reload } as Resource<T>
}

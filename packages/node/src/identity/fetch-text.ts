const FETCH_TIMEOUT_MS = 5000
const FETCH_LIMIT_BYTES = 2 * 1024 * 1024

/**
 * The default network access: HTTPS only, a timeout and a size cap (DID documents and status lists
 * from other nodes are hostile input).
 */
export async function fetchTextOverHttps(url: string): Promise<string> {
  if (!url.startsWith('https://')) throw new Error(`only https URLs are fetched: ${url}`)
  return fetchTextOverHttp(url)
}

/** As {@link fetchTextOverHttps}, for a node that itself runs over plain HTTP (development). */
export async function fetchTextOverHttp(url: string): Promise<string> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    redirect: 'error',
  })
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  const text = await response.text()
  if (text.length > FETCH_LIMIT_BYTES) throw new Error(`${url}: response too large`)
  return text
}

/** A `fetchText` over the node's injectable fetch (tests route it between in-process nodes). */
export function fetchTextWith(
  fetch: (
    url: string,
    init: { method: 'GET'; signal?: AbortSignal },
  ) => Promise<{ status: number; text(): Promise<string> }>,
): (url: string) => Promise<string> {
  return async (url) => {
    const response = await fetch(url, {
      method: 'GET',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    })
    if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`)
    const text = await response.text()
    if (text.length > FETCH_LIMIT_BYTES) throw new Error(`${url}: response too large`)
    return text
  }
}

/**
 * A `fetchText` over the node's guarded outbound client (packages/node/src/outbound): HTTPS only
 * unless the node itself runs over plain HTTP (development), status 200 only.
 */
export function fetchTextGuarded(
  guardedFetch: typeof fetch,
  { httpsOnly }: { httpsOnly: boolean },
): (url: string) => Promise<string> {
  const fetchText = fetchTextWith(guardedFetch)
  return async (url) => {
    if (httpsOnly && !url.startsWith('https://'))
      throw new Error(`only https URLs are fetched: ${url}`)
    return fetchText(url)
  }
}

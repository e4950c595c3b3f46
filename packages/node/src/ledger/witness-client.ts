import {
  createCosignatureVerifier,
  formatAddCheckpointRequest,
  LedgerError,
  openNote,
  parseVerifierKey,
  type AddCheckpointRequest,
} from '@landsea/core/ledger'

/** The part of `fetch` the witness client uses; tests route it to another node's `app.inject`. */
export type Fetch = (
  url: string,
  init: {
    method: 'POST' | 'GET' | 'PUT'
    headers?: Record<string, string>
    body?: string
    signal?: AbortSignal
  },
) => Promise<{ status: number; text(): Promise<string> }>

/** What a log asks of a witness (C2SP tlog-witness `add-checkpoint`). */
export interface WitnessPeer {
  /** The witness's submission prefix, e.g. `http://127.0.0.1:8081/api/witness`. */
  readonly url: string
  /** The witness's cosignature verifier key. */
  readonly witnessKey: string
}

/** The answer of a witness: its cosignature line, or why not. */
export type CosignatureResult =
  | { readonly ok: true; readonly line: string }
  | {
      readonly ok: false
      readonly status: number
      readonly message: string
      readonly latestSize?: number
    }

/**
 * Sends one add-checkpoint request and checks the returned cosignature against the witness key
 * before accepting it: a witness's answer is untrusted network input.
 */
export async function requestCosignature(
  fetch: Fetch,
  peer: WitnessPeer,
  request: AddCheckpointRequest,
  checkpointText: string,
): Promise<CosignatureResult> {
  let response
  try {
    response = await fetch(`${peer.url}/add-checkpoint`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: formatAddCheckpointRequest(request),
      // A peer that does not answer must not hold up checkpoints or bundle exports.
      signal: AbortSignal.timeout(5000),
    })
  } catch (error) {
    return {
      ok: false,
      status: 0,
      message: `unreachable: ${error instanceof Error ? error.message : error}`,
    }
  }
  const body = await response.text()
  if (response.status === 409 && /^\d+\n$/.test(body)) {
    return { ok: false, status: 409, message: 'old size mismatch', latestSize: Number(body.trim()) }
  }
  if (response.status !== 200)
    return { ok: false, status: response.status, message: body.slice(0, 500) }
  const key = parseVerifierKey(peer.witnessKey)
  const verifier = createCosignatureVerifier(key)
  const line = body.split('\n').find((l) => l.startsWith(`\u2014 ${key.name} `))
  try {
    if (!line)
      throw new LedgerError('LEDGER_NOTE_UNVERIFIED', 'no cosignature line from the witness')
    openNote(`${checkpointText}\n${line}\n`, [verifier])
  } catch (error) {
    return {
      ok: false,
      status: 502,
      message: error instanceof Error ? error.message : 'bad cosignature',
    }
  }
  return { ok: true, line: `${line}\n` }
}

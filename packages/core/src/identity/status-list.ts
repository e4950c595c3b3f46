import { base64url } from 'jose'
import {
  VC_V2_CONTEXT,
  type BitstringStatusListEntry,
  type VerifiableCredential,
} from './credential.js'
import { IdentityError } from './identity-error.js'

/** The minimum list length of Bitstring Status List 1.0 §2.1 (16 KB), for herd privacy. */
export const MIN_STATUS_LIST_BITS = 131_072

/** Decompressed lists larger than this are refused: a zip bomb guard (16 MiB). */
const MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024

/** A new all-zero status bitstring of `bits` entries (at least 131,072). */
export function createStatusBitstring(bits = MIN_STATUS_LIST_BITS): Uint8Array {
  return new Uint8Array(Math.ceil(Math.max(bits, MIN_STATUS_LIST_BITS) / 8))
}

function assertIndex(bitstring: Uint8Array, index: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= bitstring.length * 8) {
    throw new IdentityError('IDENTITY_MALFORMED', `status index ${index} is outside the list`)
  }
}

/** Reads entry `index`; bit 0 is the most significant bit of the first byte (§3.2). */
export function getStatusBit(bitstring: Uint8Array, index: number): boolean {
  assertIndex(bitstring, index)
  return ((bitstring[index >> 3]! >> (7 - (index & 7))) & 1) === 1
}

/** Sets or clears entry `index` in place. */
export function setStatusBit(bitstring: Uint8Array, index: number, value: boolean): void {
  assertIndex(bitstring, index)
  const mask = 1 << (7 - (index & 7))
  bitstring[index >> 3] = value ? bitstring[index >> 3]! | mask : bitstring[index >> 3]! & ~mask
}

async function pipe(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit: number,
): Promise<Uint8Array> {
  const writer = stream.writable.getWriter()
  void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined)
  void writer.close().catch(() => undefined)
  const reader = stream.readable.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.length
    if (total > limit) {
      await reader.cancel()
      throw new IdentityError('IDENTITY_MALFORMED', 'the status list decompresses beyond 16 MiB')
    }
    chunks.push(value)
  }
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

/** `encodedList`: multibase base64url (`u` prefix) of the GZIP-compressed bitstring (§3.1). */
export async function encodeStatusList(bitstring: Uint8Array): Promise<string> {
  const gzipped = await pipe(bitstring, new CompressionStream('gzip'), Number.MAX_SAFE_INTEGER)
  return `u${base64url.encode(gzipped)}`
}

/**
 * A platform's synchronous GZIP decompressor (in Node: `zlib.gunzipSync` with `maxOutputLength`):
 * the decompressed bytes, or a throw when `data` is not GZIP or decompresses beyond `maxBytes`.
 */
export type Gunzip = (data: Uint8Array, maxBytes: number) => Uint8Array

const notGzip = (cause: unknown) =>
  cause instanceof IdentityError
    ? cause
    : new IdentityError('IDENTITY_MALFORMED', 'encodedList is not GZIP data', { cause })

/** The base64url bytes of an `encodedList`, with or without the `u` prefix; throws IdentityError. */
function compressedBytes(encodedList: unknown): Uint8Array {
  if (typeof encodedList !== 'string' || encodedList.length === 0) {
    throw new IdentityError('IDENTITY_MALFORMED', 'encodedList must be a string')
  }
  const text = encodedList.startsWith('u') ? encodedList.slice(1) : encodedList
  if (!/^[A-Za-z0-9_-]+$/.test(text))
    throw new IdentityError('IDENTITY_MALFORMED', 'encodedList is not base64url')
  try {
    return base64url.decode(text)
  } catch (cause) {
    throw notGzip(cause)
  }
}

/**
 * Decodes an `encodedList`, with or without the `u` prefix (the W3C test suite omits it,
 * w3c/vc-bitstring-status-list#178). Hostile input: size-capped, errors are `IDENTITY_MALFORMED`.
 */
export async function decodeStatusList(encodedList: unknown): Promise<Uint8Array> {
  const bytes = compressedBytes(encodedList)
  try {
    return await pipe(bytes, new DecompressionStream('gzip'), MAX_STATUS_LIST_BYTES)
  } catch (cause) {
    throw notGzip(cause)
  }
}

/**
 * {@link decodeStatusList} over a platform's synchronous {@link Gunzip}: the same checks and cap,
 * without the stream machinery and its round trips through the event loop (in Node about a
 * tenth of the CPU time of `DecompressionStream` on a 16 KB list).
 */
export function createStatusListDecoder(
  gunzip: Gunzip,
): (encodedList: unknown) => Promise<Uint8Array> {
  return (encodedList) => {
    try {
      const bytes = compressedBytes(encodedList)
      let out: Uint8Array
      try {
        out = gunzip(bytes, MAX_STATUS_LIST_BYTES)
      } catch (cause) {
        throw notGzip(cause)
      }
      if (out.length > MAX_STATUS_LIST_BYTES)
        throw new IdentityError('IDENTITY_MALFORMED', 'the status list decompresses beyond 16 MiB')
      return Promise.resolve(out)
    } catch (error) {
      return Promise.reject(error as Error)
    }
  }
}

/** A `BitstringStatusListEntry` pointing at entry `index` of a status list credential. */
export function createStatusEntry({
  statusListCredential,
  index,
  statusPurpose,
}: {
  statusListCredential: string
  index: number
  statusPurpose: 'revocation' | 'suspension'
}): BitstringStatusListEntry {
  return {
    id: `${statusListCredential}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose,
    statusListIndex: String(index),
    statusListCredential,
  }
}

/** An unsecured `BitstringStatusListCredential` (§2.2), to be secured like any credential. */
export function createStatusListCredential({
  id,
  issuer,
  statusPurpose,
  encodedList,
  validFrom,
}: {
  id: string
  issuer: string
  statusPurpose: 'revocation' | 'suspension'
  encodedList: string
  validFrom: string
}): VerifiableCredential {
  return {
    '@context': [VC_V2_CONTEXT],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom,
    credentialSubject: {
      id: `${id}#list`,
      type: 'BitstringStatusList',
      statusPurpose,
      encodedList,
    },
  }
}

/** The status entries of a credential, as a list. */
export function statusEntriesOf(
  credential: VerifiableCredential,
): readonly BitstringStatusListEntry[] {
  const status = credential.credentialStatus
  if (status === undefined) return []
  return Array.isArray(status) ? status : [status as BitstringStatusListEntry]
}

/** The result of checking one status entry. */
export interface StatusCheck {
  readonly statusPurpose: string
  readonly isSet: boolean
}

/**
 * Reads the entries of a credential from already verified status list credentials (the caller
 * fetched them and verified their proof and issuer). Refuses a list of another purpose.
 */
export async function checkStatusEntries(
  credential: VerifiableCredential,
  statusLists: ReadonlyMap<string, VerifiableCredential>,
  decode: (encodedList: unknown) => Promise<Uint8Array> = decodeStatusList,
): Promise<readonly StatusCheck[]> {
  const checks: StatusCheck[] = []
  for (const entry of statusEntriesOf(credential)) {
    const list = statusLists.get(entry.statusListCredential)
    if (!list) {
      throw new IdentityError(
        'IDENTITY_STATUS_UNAVAILABLE',
        `status list ${entry.statusListCredential} is not available`,
      )
    }
    const subject = list.credentialSubject
    if (subject.statusPurpose !== entry.statusPurpose) {
      throw new IdentityError(
        'IDENTITY_STATUS_UNAVAILABLE',
        `status list purpose is ${String(subject.statusPurpose)}, not ${entry.statusPurpose}`,
      )
    }
    const index = Number(entry.statusListIndex)
    const bitstring = await decode(subject.encodedList)
    checks.push({ statusPurpose: entry.statusPurpose, isSet: getStatusBit(bitstring, index) })
  }
  return checks
}

import { gunzipSync } from 'node:zlib'
import type { Gunzip } from '@landsea/core/identity'

/**
 * GZIP decompression through Node's zlib, synchronously, for the `gunzip` option of core's
 * `verifyBundle` (status lists): the zlib that `DecompressionStream` runs on, without its streams.
 * Throws on data that is not GZIP or that decompresses beyond `maxBytes`.
 */
export const nodeGunzip: Gunzip = (data, maxBytes) => {
  const out = gunzipSync(data, { maxOutputLength: maxBytes })
  return new Uint8Array(out.buffer, out.byteOffset, out.length)
}

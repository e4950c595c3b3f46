/**
 * The `alg` of a compact JWS's protected header (EdDSA, ES256, SM2SM3, …), for display only: the
 * signature itself is checked by the node and by the verifier. Hostile input gives null.
 */
export function jwsAlgorithm(jws: string): string | null {
  const header = typeof jws === 'string' ? jws.split('.')[0] : undefined
  if (!header || !/^[A-Za-z0-9_-]+$/.test(header)) return null
  try {
    const base64 = header.replace(/-/g, '+').replace(/_/g, '/')
    const json = new TextDecoder('utf-8', { fatal: true }).decode(
      Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) =>
        c.charCodeAt(0),
      ),
    )
    const alg = (JSON.parse(json) as { alg?: unknown }).alg
    return typeof alg === 'string' && alg.length <= 32 ? alg : null
  } catch {
    return null
  }
}

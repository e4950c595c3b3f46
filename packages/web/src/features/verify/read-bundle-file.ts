/** Largest bundle the page reads; a real bundle of a long chain is well under 1 MB. */
export const MAX_BUNDLE_BYTES = 20 * 1024 * 1024

/** What the page can say about a dropped file before verification. */
export type BundleFile =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly reference: string | null }
  | { readonly ok: false; readonly problem: 'too-large' | 'not-json'; readonly message: string }

/**
 * Reads a dropped file's bytes for `verifyBundle`, and the bill reference for display. The file is
 * hostile: anything but a JSON text is reported, never thrown.
 */
export function readBundleFile(bytes: Uint8Array): BundleFile {
  if (bytes.byteLength > MAX_BUNDLE_BYTES) {
    return { ok: false, problem: 'too-large', message: `${bytes.byteLength} bytes` }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch (error) {
    return {
      ok: false,
      problem: 'not-json',
      message: error instanceof Error ? error.message : String(error),
    }
  }
  const document =
    typeof parsed === 'object' && parsed !== null
      ? (parsed as { document?: unknown }).document
      : undefined
  const reference =
    typeof document === 'object' && document !== null
      ? (document as { transportDocumentReference?: unknown }).transportDocumentReference
      : undefined
  return { ok: true, bytes, reference: typeof reference === 'string' ? reference : null }
}

/**
 * Known defects of a standard's published text, corrected in memory (the vendored file stays as
 * published) and listed in docs/conformance.md. Each names the JSON Pointer it corrects.
 */
export const ERRATA: Readonly<Record<string, readonly Erratum[]>> = {
  'dcsa-tnt-2.2.0': [
    {
      // EVENT_DOMAIN 1.0.4 lists the codes with their labels ("BKG (Booking)"), while its own
      // example, the T&T 2.2 information model and every implementation send the bare code.
      pointer: '/components/schemas/documentReferences_inner/properties/documentReferenceType/enum',
      replacement: ['BKG', 'TRD'],
    },
  ],
}

/** One correction: the value at `pointer` (under the standard's root) becomes `replacement`. */
export interface Erratum {
  readonly pointer: string
  readonly replacement: unknown
}

/** Applies a standard's errata to its parsed schema tree, in place. */
export function applyErrata(id: string, schema: Record<string, unknown>): void {
  for (const { pointer, replacement } of ERRATA[id] ?? []) {
    const keys = pointer.split('/').slice(1)
    const last = keys.pop() as string
    let node = schema as Record<string, unknown>
    for (const key of keys) node = node[key] as Record<string, unknown>
    node[last] = replacement
  }
}

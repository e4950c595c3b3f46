import { loadStandardDocument, type StandardId } from './standard-documents.js'

/** A published example of a standard: where it is in the standard's text, and its value. */
export interface StandardExample {
  readonly name: string
  readonly value: unknown
}

/**
 * The values inside an OpenAPI standard's published examples (`examples.*.value`, at any depth) that
 * `isMatch` selects, named by their JSON Pointer in the standard's text. The same value published twice
 * (a request and its response) is listed once.
 *
 * @example
 * listOpenApiExamples('dcsa-ebl-3.0.3', (v) => typeof v.transportDocumentReference === 'string')
 */
export function listOpenApiExamples(
  id: StandardId,
  isMatch: (value: Readonly<Record<string, unknown>>) => boolean,
): StandardExample[] {
  const found: StandardExample[] = []
  const seen = new Set<string>()
  const visit = (node: unknown, pointer: string, isInExample: boolean): void => {
    if (typeof node !== 'object' || node === null) return
    const record = node as Record<string, unknown>
    if (isInExample && !Array.isArray(node) && isMatch(record)) {
      const text = JSON.stringify(record)
      if (!seen.has(text)) found.push({ name: pointer, value: record })
      seen.add(text)
      return
    }
    for (const [key, child] of Object.entries(record)) {
      const isValue = isInExample || (key === 'value' && pointer.includes('/examples/'))
      visit(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, isValue)
    }
  }
  visit(loadStandardDocument(id), `${id}#`, false)
  return found
}

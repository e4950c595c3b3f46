import type { FoundPersonalValue } from '@landsea/core/privacy'

/** Canonical form of an identifier before hashing: e-mails lower-cased, phones digits only. */
export function normaliseIdentifier(identifier: string): string {
  const trimmed = identifier.trim()
  if (trimmed.includes('@')) return trimmed.toLowerCase()
  const digits = trimmed.replace(/[^\d]/g, '')
  return digits.length >= 6 ? digits : trimmed.toLowerCase()
}

/**
 * The person each personal value belongs to, aligned with `found`: the values in the same object
 * (one contact entry) are one person, identified by its e-mail, else its phone, else its name.
 */
export function subjectOfEach(found: readonly FoundPersonalValue[]): string[] {
  const objectOf = (v: FoundPersonalValue) => v.path.slice(0, v.path.lastIndexOf('/'))
  const fieldOf = (v: FoundPersonalValue) => v.path.slice(v.path.lastIndexOf('/') + 1)
  const byObject = new Map<string, FoundPersonalValue[]>()
  for (const value of found)
    byObject.set(objectOf(value), [...(byObject.get(objectOf(value)) ?? []), value])
  const identifier = new Map<string, string>()
  for (const [object, values] of byObject) {
    const best =
      values.find((v) => fieldOf(v) === 'email') ??
      values.find((v) => fieldOf(v) === 'phone') ??
      values[0]!
    identifier.set(object, normaliseIdentifier(best.value))
  }
  return found.map((v) => identifier.get(objectOf(v))!)
}

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
  const rankOf = (field: string) => (field === 'email' ? 0 : field === 'phone' ? 1 : 2)
  const best = new Map<string, { rank: number; value: string }>()
  const objects = found.map(({ path, value }) => {
    const cut = path.lastIndexOf('/')
    const object = path.slice(0, cut)
    const rank = rankOf(path.slice(cut + 1))
    const known = best.get(object)
    // The first value of an object stands unless a better-ranked field follows.
    if (!known || rank < known.rank) best.set(object, { rank, value })
    return object
  })
  const identifiers = new Map<string, string>()
  for (const [object, { value }] of best) identifiers.set(object, normaliseIdentifier(value))
  return objects.map((object) => identifiers.get(object)!)
}

/**
 * What a field of a schema holds, for the data map: `none` (no personal information),
 * `personal` (PIPL Art. 4, PDPA s. 2: it identifies or relates to a natural person) or `sensitive`
 * (PIPL Art. 28, e.g. whereabouts or health). docs/privacy.md lists the reasoning per schema.
 */
export type FieldClass = 'none' | 'personal' | 'sensitive'

/** Kinds of personal information the register counts and reports. */
export type PersonalCategory = 'contact' | 'identity' | 'whereabouts'

/** A decision on one field: its class and, when it is personal, its category. */
export type FieldDecision =
  | { readonly class: 'none' }
  | { readonly class: 'personal' | 'sensitive'; readonly category: PersonalCategory }

/** Decisions for every property of every schema of one standard: schema name → property → decision. */
export type SchemaFieldDecisions = Readonly<Record<string, Readonly<Record<string, FieldDecision>>>>

const NONE: FieldDecision = { class: 'none' }

/**
 * `none` for each space-separated property name: the data map's shorthand for the many fields that
 * hold no personal information.
 *
 * @example none('carrierCode carrierCodeListProvider')
 */
export function none(properties: string): Record<string, FieldDecision> {
  return Object.fromEntries(properties.split(' ').map((name) => [name, NONE]))
}

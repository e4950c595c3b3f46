// ISO 6346 letter values: A=10 and up, skipping multiples of 11 (11, 22, 33).
const LETTER_VALUES: Readonly<Record<string, number>> = (() => {
  const values: Record<string, number> = {}
  let v = 10
  for (let c = 65; c <= 90; c++) {
    if (v % 11 === 0) v++
    values[String.fromCharCode(c)] = v
    v++
  }
  return values
})()

const CONTAINER_NUMBER = /^[A-Z]{3}[UJZR][0-9]{7}$/

/**
 * The ISO 6346 check digit of the first ten characters of a container number (owner code,
 * category identifier, serial number): sum of value × 2^position, mod 11, with 10 written as 0.
 *
 * @example computeIso6346CheckDigit('CSQU305438') // 3
 */
export function computeIso6346CheckDigit(firstTen: string): number {
  let sum = 0
  for (let i = 0; i < 10; i++) {
    const ch = firstTen.charAt(i)
    const value = i < 4 ? LETTER_VALUES[ch] : Number(ch)
    if (value === undefined || Number.isNaN(value)) return -1
    sum += value * 2 ** i
  }
  return (sum % 11) % 10
}

/** True when `value` is an 11-character ISO 6346 container number with a correct check digit. */
export function isValidContainerNumber(value: string): boolean {
  if (!CONTAINER_NUMBER.test(value)) return false
  return computeIso6346CheckDigit(value.slice(0, 10)) === Number(value.charAt(10))
}

/** Completes an owner code + category + 6-digit serial (10 characters) with its check digit. */
export function withIso6346CheckDigit(firstTen: string): string {
  return `${firstTen}${computeIso6346CheckDigit(firstTen)}`
}

/**
 * The UTC month (0–11) of a time, without allocating a Date (it runs for every Monte Carlo path):
 * H. Hinnant's days-to-civil algorithm, https://howardhinnant.github.io/date_algorithms.html.
 */
export function utcMonthOf(ms: number): number {
  const z = Math.floor(ms / 86_400_000) + 719_468
  const doe = z - Math.floor(z / 146_097) * 146_097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  return mp < 10 ? mp + 2 : mp - 10
}

/** A longitude/latitude pair in degrees, in GeoJSON order. */
export type LonLat = readonly [number, number]

const EARTH_RADIUS_KM = 6371.0088

const radians = (degrees: number) => (degrees * Math.PI) / 180

/** Great-circle distance between two points (haversine, IUGG mean Earth radius). */
export function haversineKm(a: LonLat, b: LonLat): number {
  const dLat = radians(b[1] - a[1])
  const dLon = radians(b[0] - a[0])
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(a[1])) * Math.cos(radians(b[1])) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Length of a polyline in kilometres. */
export function lineLengthKm(line: readonly LonLat[]): number {
  let total = 0
  for (let i = 1; i < line.length; i++) total += haversineKm(line[i - 1]!, line[i]!)
  return total
}

/**
 * The point a given fraction (0 to 1, clamped) of the way along a polyline, by distance.
 * Segments are interpolated linearly in degrees, which is exact enough at the map's scale.
 */
export function pointAlong(line: readonly LonLat[], fraction: number): LonLat {
  const first = line[0]
  if (!first) throw new RangeError('pointAlong needs a non-empty line')
  const target =
    lineLengthKm(line) * Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0))
  let walked = 0
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!
    const b = line[i]!
    const step = haversineKm(a, b)
    if (walked + step >= target && step > 0) {
      const t = (target - walked) / step
      return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
    }
    walked += step
  }
  return line[line.length - 1]!
}

/** The dashboard's screens, parsed from the location path. */
export type Route =
  | { readonly name: 'map' }
  | { readonly name: 'shipments' }
  | { readonly name: 'shipment'; readonly id: string }
  | { readonly name: 'bills' }
  | { readonly name: 'bill'; readonly id: string }
  | { readonly name: 'verify' }
  | { readonly name: 'ledger' }
  | { readonly name: 'privacy' }
  | { readonly name: 'emissions' }
  | { readonly name: 'objects' }
  | { readonly name: 'platforms' }
  | { readonly name: 'not-found'; readonly path: string }

/** Parses a location path into a {@link Route}. Unknown paths give `not-found`. */
export function parseRoute(path: string): Route {
  const segments = path
    .split('?')[0]!
    .split('/')
    .filter((s) => s.length > 0)
    .map(safeDecode)
  const [first, second, ...rest] = segments
  if (rest.length > 0) return { name: 'not-found', path }
  if (first === undefined) return { name: 'map' }
  if (first === 'map' && second === undefined) return { name: 'map' }
  if (first === 'shipments')
    return second ? { name: 'shipment', id: second } : { name: 'shipments' }
  if (first === 'bills') return second ? { name: 'bill', id: second } : { name: 'bills' }
  if (first === 'verify' && second === undefined) return { name: 'verify' }
  if (first === 'ledger' && second === undefined) return { name: 'ledger' }
  if (first === 'privacy' && second === undefined) return { name: 'privacy' }
  if (first === 'emissions' && second === undefined) return { name: 'emissions' }
  if (first === 'objects' && second === undefined) return { name: 'objects' }
  if (first === 'platforms' && second === undefined) return { name: 'platforms' }
  return { name: 'not-found', path }
}

/** The path of a route, the inverse of {@link parseRoute}. */
export function routePath(route: Route): string {
  switch (route.name) {
    case 'map':
      return '/'
    case 'shipments':
      return '/shipments'
    case 'shipment':
      return `/shipments/${encodeURIComponent(route.id)}`
    case 'bills':
      return '/bills'
    case 'bill':
      return `/bills/${encodeURIComponent(route.id)}`
    case 'verify':
      return '/verify'
    case 'ledger':
      return '/ledger'
    case 'privacy':
      return '/privacy'
    case 'emissions':
      return '/emissions'
    case 'objects':
      return '/objects'
    case 'platforms':
      return '/platforms'
    case 'not-found':
      return route.path
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

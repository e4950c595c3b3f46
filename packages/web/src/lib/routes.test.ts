import { describe, expect, it } from 'vitest'
import { parseRoute, routePath, type Route } from './routes.js'

describe('parseRoute', () => {
  it('maps each screen path to its route and back', () => {
    const routes: Route[] = [
      { name: 'map' },
      { name: 'shipments' },
      { name: 'shipment', id: '0193-abc' },
      { name: 'bills' },
      { name: 'bill', id: 'b 1/2' },
      { name: 'verify' },
      { name: 'ledger' },
      { name: 'privacy' },
      { name: 'emissions' },
      { name: 'platforms' },
    ]
    for (const route of routes) expect(parseRoute(routePath(route))).toEqual(route)
  })

  it('treats trailing slashes and query strings as the same screen', () => {
    expect(parseRoute('/shipments/')).toEqual({ name: 'shipments' })
    expect(parseRoute('/verify?x=1')).toEqual({ name: 'verify' })
  })

  it('answers not-found for unknown and over-long paths, without throwing on bad escapes', () => {
    expect(parseRoute('/nowhere')).toEqual({ name: 'not-found', path: '/nowhere' })
    expect(parseRoute('/bills/1/2')).toEqual({ name: 'not-found', path: '/bills/1/2' })
    expect(parseRoute('/bills/%E0%A4%A')).toEqual({ name: 'bill', id: '%E0%A4%A' })
  })
})

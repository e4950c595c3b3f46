import { expect, it } from 'vitest'
import { as, describeEachNode } from './test-node.js'

describeEachNode('subscription cap', (get) => {
  it('lets an organisation hold 50 subscriptions and refuses the 51st with 429', async () => {
    const { app, seed } = get()
    const subscribe = () =>
      app.inject({
        method: 'POST',
        url: '/api/event-subscriptions',
        headers: as(seed, 'operator'),
        payload: {
          callbackUrl: 'https://hooks.example.com/landsea',
          secret: 'a-long-shared-secret',
        },
      })
    for (let i = 0; i < 50; i++) expect((await subscribe()).statusCode).toBe(201)
    const refused = await subscribe()
    expect(refused.statusCode).toBe(429)
    expect(refused.json().error.code).toBe('TRACKING_SUBSCRIPTION_LIMIT')
  })
})

import { verifyNotificationSignature, type TrackingEvent } from '@landsea/core/tracking'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { as, describeEachNode } from './test-node.js'
import { sim, startReceiver } from './tracking-fixture.js'

const [first, second, third] = sim.shipments

describeEachNode('tracking API, webhooks', (get) => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  beforeAll(async () => {
    receiver = await startReceiver()
  })
  afterAll(async () => {
    await new Promise((resolve) => receiver.server.close(resolve))
  })

  it('delivers matching events signed with Notification-Signature, retries failures, logs attempts', async () => {
    const { app, node, seed } = get()
    const secret = 'a-very-long-shared-secret'
    const created = await app.inject({
      method: 'POST',
      url: '/api/event-subscriptions',
      headers: as(seed, 'operator'),
      payload: {
        callbackUrl: receiver.url,
        secret,
        filter: {
          transportDocumentReference: third!.transportDocumentReference,
          eventTypes: ['TRANSPORT'],
        },
        alerts: { delayHours: 1000 },
      },
    })
    expect(created.statusCode).toBe(201)
    const sub = created.json()
    expect(sub.secret).toBeUndefined()

    receiver.status.code = 500
    await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: as(seed, 'carrier'),
      payload: third!.events,
    })
    expect(await node.webhooks.runOnce()).toBe(1)
    expect(receiver.received).toHaveLength(1)
    const log1 = (
      await app.inject({
        url: `/api/event-subscriptions/${sub.subscriptionID}/deliveries`,
        headers: as(seed, 'operator'),
      })
    ).json()
    expect(log1.items[0]).toMatchObject({ status: 'PENDING', attempts: 1, lastStatusCode: 500 })
    // Not yet due: the backoff holds the retry back.
    expect(await node.webhooks.runOnce()).toBe(0)

    receiver.status.code = 200
    await node.subscriptions.recordAttempt(log1.items[0].deliveryID, {
      status: 'PENDING',
      attempts: 1,
      nextAttemptMs: 0,
    })
    expect(await node.webhooks.runOnce()).toBe(1)
    const hit = receiver.received.at(-1)!
    expect(hit.headers['subscription-id']).toBe(sub.subscriptionID)
    expect(
      verifyNotificationSignature(hit.body, secret, String(hit.headers['notification-signature'])),
    ).toBe(true)
    const events = JSON.parse(hit.body) as TrackingEvent[]
    expect(events.length).toBeGreaterThan(0)
    expect(events.every((e) => e.eventType === 'TRANSPORT')).toBe(true)
    const log2 = (
      await app.inject({
        url: `/api/event-subscriptions/${sub.subscriptionID}/deliveries`,
        headers: as(seed, 'operator'),
      })
    ).json()
    expect(log2.items[0]).toMatchObject({ status: 'DELIVERED', attempts: 2, lastStatusCode: 200 })
  })

  it('alerts on a customs hold', async () => {
    const { app, node, seed } = get()
    const secret = 'another-long-shared-secret'
    const sub = (
      await app.inject({
        method: 'POST',
        url: '/api/event-subscriptions',
        headers: as(seed, 'operator'),
        payload: {
          callbackUrl: receiver.url,
          secret,
          filter: { transportDocumentReference: 'LSHOLD0001' },
          alerts: {},
        },
      })
    ).json()
    const lodged = first!.events.find((e) => e.eventType === 'SHIPMENT')! as Extract<
      TrackingEvent,
      { eventType: 'SHIPMENT' }
    >
    const refs = [{ documentReferenceType: 'TRD', documentReferenceValue: 'LSHOLD0001' }]
    const held = {
      ...lodged,
      eventID: '01960000-0000-7000-8000-0000000000a1',
      shipmentEventTypeCode: 'HOLD',
      documentReferences: refs,
      customsMilestone: { ...lodged.customsMilestone!, milestoneCode: 'HELD' },
    }
    receiver.status.code = 200
    const before = receiver.received.length
    await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: as(seed, 'broker'),
      payload: [held],
    })
    await node.webhooks.runOnce()
    const bodies = receiver.received.slice(before).map((r) => JSON.parse(r.body))
    const alert = bodies.find((b) => !Array.isArray(b))
    expect(alert).toMatchObject({
      subscriptionID: sub.subscriptionID,
      shipmentKey: 'LSHOLD0001',
      alert: { kind: 'CUSTOMS_HOLD' },
    })
  })

  it('alerts when the predicted arrival moves and when a milestone falls behind plan', async () => {
    const { app, node, seed } = get()
    const shipment = sim.shipments.find(
      (s) => s.route === 'RAIL_SEA' && s !== first && s !== second && s !== third,
    )!
    const key = shipment.transportDocumentReference
    await app.inject({
      method: 'POST',
      url: '/api/event-subscriptions',
      headers: as(seed, 'operator'),
      payload: {
        callbackUrl: receiver.url,
        secret: 'eta-subscription-secret',
        filter: { transportDocumentReference: key },
        alerts: { etaChangeHours: 6, delayHours: 6, isCustomsHoldAlert: false },
      },
    })
    const isRailArrival = (e: TrackingEvent) =>
      e.eventType === 'TRANSPORT' &&
      e.eventClassifierCode === 'ACT' &&
      e.transportEventTypeCode === 'ARRI' &&
      e.transportCall.modeOfTransport === 'RAIL'
    const railArrival = shipment.events.find(isRailArrival)!
    const plan = shipment.events.filter((e) => e.eventClassifierCode === 'PLN')
    await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: as(seed, 'carrier'),
      payload: plan,
    })
    // The train arrives three days behind plan.
    const late = {
      ...railArrival,
      eventID: '01960000-0000-7000-8000-0000000000e7',
      eventDateTime: new Date(
        Date.parse(
          plan.find((e) => e.eventType === 'TRANSPORT' && e.transportEventTypeCode === 'ARRI')!
            .eventDateTime,
        ) +
          72 * 3_600_000,
      ).toISOString(),
    }
    late.eventCreatedDateTime = late.eventDateTime
    receiver.status.code = 200
    const before = receiver.received.length
    await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: as(seed, 'carrier'),
      payload: [late],
    })
    while ((await node.webhooks.runOnce()) > 0);
    const kinds = receiver.received
      .slice(before)
      .map((r) => JSON.parse(r.body))
      .filter((b) => !Array.isArray(b) && b.shipmentKey === key)
      .map((b) => b.alert.kind)
    expect(kinds).toContain('DELAY')
    expect(kinds).toContain('ETA_CHANGE')
  })

  it('validates subscriptions and hides others’ subscriptions', async () => {
    const { app, seed } = get()
    const bad = await app.inject({
      method: 'POST',
      url: '/api/event-subscriptions',
      headers: as(seed, 'operator'),
      payload: { callbackUrl: 'ftp://x', secret: 'long-enough-secret-123' },
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('TRACKING_SUBSCRIPTION_INVALID')
    const mine = (
      await app.inject({ url: '/api/event-subscriptions', headers: as(seed, 'operator') })
    ).json()
    const other = await app.inject({
      url: `/api/event-subscriptions/${mine.items[0].subscriptionID}`,
      headers: as(seed, 'consignee'),
    })
    expect(other.statusCode).toBe(404)
    const stranger = await app.inject({
      method: 'POST',
      url: '/api/event-subscriptions',
      headers: as(seed, 'shipper'),
      payload: {
        callbackUrl: receiver.url,
        secret: 'long-enough-secret-123',
        filter: { transportDocumentReference: first!.transportDocumentReference },
      },
    })
    expect(stranger.statusCode).toBe(400)
    expect(stranger.json().error.issues[0].path).toBe('/filter/transportDocumentReference')
  })
})

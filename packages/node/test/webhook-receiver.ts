import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { createDoorDeliveryEvent, type Delivery } from '@landsea/core/tracking'
import { defaultPrivacyPolicy } from '@landsea/core/privacy'
import type { LandseaDatabase } from '@landsea/storage'
import { openTestDatabase } from '@landsea/storage/testing'
import { createNode, type LandseaNode } from '../src/create-node.js'

/** A webhook receiver on 127.0.0.1: keeps each body it gets and answers `status()` (default 200). */
export async function startWebhookReceiver(status: () => number = () => 200) {
  const received: string[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      received.push(body)
      res.statusCode = status()
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  return {
    origin,
    url: `${origin}/hook`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

/** Subscribes `url` to every event of the node, as `subscriptionID`. */
export const subscribeAll = (node: LandseaNode, subscriptionID: string, url: string) =>
  node.subscriptions.create({
    subscriptionID,
    callbackUrl: url,
    filter: {},
    alerts: {},
    createdDateTime: new Date().toISOString(),
    owner: 'test',
    secret: 'a-very-long-shared-secret',
  })

/** A node in China on `database` whose webhooks may go to a loopback receiver. */
export const createChinaNode = (database: LandseaDatabase) =>
  createNode({
    database,
    identity: { name: 'CN node', jurisdiction: 'CN' },
    outbound: { allowLoopback: true },
  })

/** A delivery of `payload` to `subscriptionID`, due now and never tried. */
export const pendingDelivery = (
  deliveryID: string,
  subscriptionID: string,
  payload: string,
): Delivery => ({
  deliveryID,
  subscriptionID,
  kind: 'EVENTS',
  payload,
  status: 'PENDING',
  attempts: 0,
  nextAttemptMs: 0,
  createdAt: new Date().toISOString(),
})

/** A gate-in at a door-delivery address naming the individual who receives the container. */
export const namedDoorDelivery = (reference: string, name: string) =>
  createDoorDeliveryEvent({ eventID: randomUUID(), reference, name })

/**
 * A node in China on a fresh `kind` database, subscribed as `sub-1` to a loopback receiver that
 * its policy places in Singapore (webhooks there are cross-border).
 */
export async function chinaNodeWithReceiver(kind: 'sqlite' | 'postgres') {
  const receiver = await startWebhookReceiver()
  const database = await openTestDatabase(kind)
  const node = await createChinaNode(database)
  const policy = {
    ...defaultPrivacyPolicy('CN'),
    recipients: [{ id: receiver.origin, country: 'SG' }],
  }
  await node.privacy.setPolicy(policy)
  await subscribeAll(node, 'sub-1', receiver.url)
  return { receiver, database, node, policy }
}

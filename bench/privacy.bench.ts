import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { createSampleCorridorBill } from '@landsea/core/ebl'
import { defaultPrivacyPolicy } from '@landsea/core/privacy'
import { createNode, createWebhookWorker, type LandseaNode } from '@landsea/node'
import { webhookGate } from '../packages/node/src/privacy/webhook-gate.js'
import { percentile, round } from './stats.js'

// The gate's cost per webhook delivery (target: < 5% of the delivery's own cost) and per PINT
// envelope, on SQLite, with a real receiver on 127.0.0.1.
const DELIVERIES = 300
const ENVELOPES = 300

const event = (n: number, personal: boolean) => ({
  eventID: randomUUID(),
  eventCreatedDateTime: '2026-05-02T06:10:00Z',
  eventClassifierCode: 'ACT',
  eventDateTime: '2026-05-02T06:00:00Z',
  eventType: 'EQUIPMENT',
  equipmentEventTypeCode: 'GTIN',
  emptyIndicatorCode: 'LADEN',
  equipmentReference: 'APZU4812090',
  eventLocation: {
    locationName: 'Consignee door',
    UNLocationCode: 'SGSIN',
    ...(personal ? { address: { name: `Person ${n}`, city: 'Singapore' } } : {}),
  },
  documentReferences: [{ documentReferenceType: 'TRD', documentReferenceValue: `LS${n}` }],
})

/** Interleaved deliveries with and without the gate; the gate's own time is measured inside it. */
async function deliveries(
  node: LandseaNode,
  url: string,
  personal: boolean,
): Promise<{ plain: number[]; gated: number[]; gate: number[]; settle: number[] }> {
  const subscriptionID = randomUUID()
  await node.subscriptions.create({
    subscriptionID,
    callbackUrl: url,
    filter: {},
    alerts: {},
    createdDateTime: new Date().toISOString(),
    owner: 'bench',
    secret: 'a-very-long-shared-secret',
  })
  const gate = webhookGate(node.privacy, node.identity.name)
  const gateMs: number[] = []
  const timed: typeof gate.beforeSend = async (delivery) => {
    const t0 = performance.now()
    try {
      return await gate.beforeSend(delivery)
    } finally {
      gateMs.push(performance.now() - t0)
    }
  }
  const settleMs: number[] = []
  const settle: typeof gate.afterSend = async (delivery, outcome) => {
    const t0 = performance.now()
    try {
      await gate.afterSend(delivery, outcome)
    } finally {
      settleMs.push(performance.now() - t0)
    }
  }
  const plainWorker = createWebhookWorker({ subscriptions: node.subscriptions, batchSize: 1 })
  const gatedWorker = createWebhookWorker({
    subscriptions: node.subscriptions,
    batchSize: 1,
    beforeSend: timed,
    afterSend: settle,
  })
  const plain: number[] = []
  const gated: number[] = []
  for (let i = 0; i < DELIVERIES * 2; i++) {
    await node.subscriptions.enqueue([
      {
        deliveryID: randomUUID(),
        subscriptionID,
        kind: 'EVENTS',
        payload: JSON.stringify([event(i, personal)]),
        status: 'PENDING',
        attempts: 0,
        nextAttemptMs: 0,
        createdAt: new Date().toISOString(),
      },
    ])
    const t0 = performance.now()
    await (i % 2 === 0 ? plainWorker : gatedWorker).runOnce()
    ;(i % 2 === 0 ? plain : gated).push(performance.now() - t0)
  }
  return { plain, gated, gate: gateMs, settle: settleMs }
}

export async function run(): Promise<void> {
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => res.end())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`
  const node = await createNode({
    inMemory: true,
    identity: { name: 'CN node', jurisdiction: 'CN' },
  })
  await node.privacy.setPolicy({
    ...defaultPrivacyPolicy('CN'),
    recipients: [{ id: new URL(url).origin, country: 'SG' }],
  })
  try {
    await deliveries(node, url, false) // warm-up
    const rows = []
    for (const [label, personal] of [
      ['event without personal data (sent as is)', false],
      ['event naming a person (minimised + register leaf)', true],
    ] as const) {
      const { plain, gated, gate, settle } = await deliveries(node, url, personal)
      const delivery = percentile(plain, 50)
      rows.push({
        'webhook delivery': label,
        n: plain.length,
        'delivery p50 ms (no gate)': round(delivery, 3),
        'delivery p50 ms (gated)': round(percentile(gated, 50), 3),
        'gate p50 ms': round(percentile(gate, 50), 3),
        'gate p99 ms': round(percentile(gate, 99), 3),
        'gate / delivery (p50)': `${round((percentile(gate, 50) / delivery) * 100, 1)}%`,
        'settle p50 ms (after send)': round(percentile(settle, 50), 3),
        '(gate + settle) / delivery': `${round(((percentile(gate, 50) + percentile(settle, 50)) / delivery) * 100, 1)}%`,
      })
    }
    console.table(rows)

    const bill = createSampleCorridorBill({ reference: 'LSBENCH0001', carrier: 'c', shipper: 's' })
    const envelopeMs: number[] = []
    for (let i = 0; i < ENVELOPES; i++) {
      const payload = {
        transportDocument: {
          ...bill,
          partyContactDetails: [{ name: `Person ${i}`, email: `p${i}@example.cn` }],
        },
      }
      const t0 = performance.now()
      await node.privacy.checkOutbound({
        channel: 'pint',
        exporter: 'org-cq',
        recipient: 'sg-platform',
        recipientCountry: 'SG',
        purpose: 'title-transfer',
        payload,
      })
      envelopeMs.push(performance.now() - t0)
    }
    console.table([
      {
        'PINT envelope through the gate (sent + register leaf)': 'transport document, 1 contact',
        n: ENVELOPES,
        'p50 ms': round(percentile(envelopeMs, 50), 3),
        'p99 ms': round(percentile(envelopeMs, 99), 3),
      },
    ])
  } finally {
    await node.close()
    await new Promise((resolve) => server.close(resolve))
  }
}

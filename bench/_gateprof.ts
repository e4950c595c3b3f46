import { randomUUID } from 'node:crypto'
import { defaultPrivacyPolicy } from '@landsea/core/privacy'
import { createNode } from '@landsea/node'
const node = await createNode({ inMemory: true, identity: { name: 'CN node', jurisdiction: 'CN' } })
await node.privacy.setPolicy({ ...defaultPrivacyPolicy('CN'), recipients: [{ id: 'http://r.example', country: 'SG' }] })
const ev = (n: number) => JSON.stringify([{ eventID: randomUUID(), eventCreatedDateTime: '2026-05-02T06:10:00Z', eventClassifierCode: 'ACT', eventDateTime: '2026-05-02T06:00:00Z', eventType: 'EQUIPMENT', equipmentEventTypeCode: 'GTIN', emptyIndicatorCode: 'LADEN', equipmentReference: 'APZU4812090', eventLocation: { locationName: 'x', UNLocationCode: 'SGSIN', address: { name: `Person ${n}`, city: 'Singapore' } }, documentReferences: [{ documentReferenceType: 'TRD', documentReferenceValue: `LS${n}` }] }])
const N = 5000
for (let i = 0; i < 500; i++) await node.privacy.checkOutbound({ channel: 'webhook', exporter: 'CN node', recipient: 'http://r.example', purpose: 'tracking', json: ev(i), intentId: `webhook:w:${i}`, deliveryId: `w${i}` })
const payloads = Array.from({ length: N }, (_, i) => ev(i))
const c0 = process.cpuUsage()
for (let i = 0; i < N; i++) {
  await node.privacy.checkOutbound({ channel: 'webhook', exporter: 'CN node', recipient: 'http://r.example', purpose: 'tracking', json: payloads[i], intentId: `webhook:s:${i}`, deliveryId: `d${i}` })
}
const c = process.cpuUsage(c0)
console.log('cpu us per gate', (c.user + c.system) / N)
await node.close()
const node2 = await createNode({ inMemory: true, identity: { name: 'CN node', jurisdiction: 'CN' } })
const rec = (i: number) => ({ recordId: `r${i}`, recordedAt: '2026-01-01T00:00:00Z', intentId: `i${i}`, exporter: 'x', subjectHashes: ['a'.repeat(64)], payloadSha256: 'b'.repeat(64) } as never)
for (let i = 0; i < 300; i++) await node2.privacy.register.append(rec(i))
const c1 = process.cpuUsage()
for (let i = 300; i < 3300; i++) await node2.privacy.register.append(rec(i))
const c2 = process.cpuUsage(c1)
console.log('cpu us per register append in node', (c2.user + c2.system) / 3000)
const c3 = process.cpuUsage()
for (let i = 0; i < 3000; i++) await node2.settings.get('privacy.policy')
const c4 = process.cpuUsage(c3)
console.log('cpu us per settings.get', (c4.user + c4.system) / 3000)
await node2.close()

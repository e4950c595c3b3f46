import type { Organisation } from '@landsea/core/organisation'
import type { EblBundle } from '@landsea/core/verify'
import type { PrivacyGate } from './privacy-gate.js'

/**
 * The bundle channel's call into the gate: the bundle goes to an organisation, whose registered
 * country is the recipient's; purpose `title-transfer`. A bundle is never minimised (its document is
 * signed by checksum), so it is sent whole under a basis, or refused.
 */
export async function gateBundle({
  gate,
  exporter,
  recipient,
  bundle,
}: {
  gate: PrivacyGate
  exporter: string
  recipient: Organisation
  bundle: EblBundle
}): Promise<EblBundle> {
  await gate.checkOutbound({
    channel: 'bundle',
    exporter,
    recipient: recipient.id,
    recipientCountry: recipient.country,
    purpose: 'title-transfer',
    payload: bundle,
  })
  return bundle
}

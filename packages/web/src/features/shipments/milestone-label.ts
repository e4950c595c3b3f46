import type { TFunction } from 'i18next'
import type { MilestoneView } from '../../lib/shipments-api.js'

/** "Departure · Chongqing · Rail" in the current language. */
export function milestoneLabel(
  t: TFunction,
  m: Pick<MilestoneView, 'typeCode' | 'UNLocationCode' | 'modeOfTransport'>,
): string {
  const name = t(`shipment.milestoneName.${m.typeCode}`, {
    defaultValue: t('shipment.milestoneName.unknown', { code: m.typeCode }),
  })
  const place = m.UNLocationCode
    ? t(`ports.${m.UNLocationCode}`, { defaultValue: m.UNLocationCode })
    : null
  const mode = m.modeOfTransport
    ? t(`shipment.mode.${m.modeOfTransport}`, { defaultValue: m.modeOfTransport })
    : null
  return [name, place, mode].filter(Boolean).join(' · ')
}

import { useTranslation } from 'react-i18next'
import { TONE_COLOR, type ShipmentTone } from '../lib/tone.js'

/** A coloured dot and the name of a shipment tone (colour is never the only cue). */
export function ToneBadge({ tone }: { tone: ShipmentTone }) {
  const { t } = useTranslation()
  return (
    <span className={`tone tone-${tone}`} data-tone={tone}>
      <span className="tone-dot" style={{ background: TONE_COLOR[tone] }} aria-hidden="true" />
      {t(`tone.${tone}`)}
    </span>
  )
}

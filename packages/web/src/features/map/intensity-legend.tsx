import { useTranslation } from 'react-i18next'
import { useFormat } from '../../lib/use-format.js'
import { corridorNetwork } from './corridor-network.js'
import { INTENSITY_BINS, intensityColor, legIntensity } from './leg-intensity.js'

/** The legend of the map's intensity view: the colour bins, then each leg with its intensity. */
export function IntensityLegend() {
  const { t } = useTranslation()
  const format = useFormat()
  const legs = [
    {
      modeOfTransport: 'RAIL' as const,
      from: corridorNetwork.rail.from,
      to: corridorNetwork.rail.to,
    },
    ...corridorNetwork.seaLanes.map((l) => ({
      modeOfTransport: 'VESSEL' as const,
      from: l.from,
      to: l.to,
    })),
  ]
  return (
    <div className="intensity-legend" data-testid="intensity-legend">
      <p className="muted">{t('map.intensityLegend')}</p>
      <ul className="legend">
        {INTENSITY_BINS.map((bin, i) => (
          <li key={bin.color} data-bin={i}>
            <span className="swatch" style={{ background: bin.color }} aria-hidden="true" />
            {Number.isFinite(bin.below)
              ? t('map.intensityBin', { below: format.number(bin.below) })
              : t('map.intensityBinTop', { from: format.number(INTENSITY_BINS[i - 1]!.below) })}
          </li>
        ))}
      </ul>
      <ul className="plain-list" data-testid="leg-intensities">
        {legs.map((leg) => {
          const { gPerTeuKm } = legIntensity(leg)
          return (
            <li key={`${leg.from}-${leg.to}`} data-intensity={gPerTeuKm}>
              <span
                className="swatch"
                style={{ background: intensityColor(gPerTeuKm) }}
                aria-hidden="true"
              />
              {t('map.legIntensity', {
                from: t(`ports.${leg.from}`),
                to: t(`ports.${leg.to}`),
                value: format.number(gPerTeuKm, 1),
              })}
            </li>
          )
        })}
      </ul>
    </div>
  )
}

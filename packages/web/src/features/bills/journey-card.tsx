import { useTranslation } from 'react-i18next'
import { ResourceView } from '../../components/states.js'
import { useSession } from '../../lib/session.js'
import { useResource } from '../../lib/use-api.js'
import { useFormat } from '../../lib/use-format.js'
import type { PintPlatform, PintTransfer } from '../../lib/pint-transfers.js'
import { platformJourney, type PintArrival } from './platform-journey.js'
import { ResponseCode } from '../../components/pint-response-code.js'

/** A bill's platform journey: which platform held it when, what is in transit, what was refused. */
export function JourneyCard({ billId, issuedAt }: { billId: string; issuedAt: string }) {
  const { t } = useTranslation()
  const { client, me } = useSession()
  const format = useFormat()
  const transfers = useResource(`pint-journey:${billId}:${me?.id ?? '-'}`, async () => {
    const [platform, list, arrival] = await Promise.all([
      client.get<PintPlatform>('/pint/platform'),
      client.get<PintTransfer[]>(`/ebl/${encodeURIComponent(billId)}/pint-transfers`),
      client.get<PintArrival>(`/ebl/${encodeURIComponent(billId)}/pint-arrival`),
    ])
    return { platform, transfers: list, arrival }
  })
  return (
    <section className="card" data-testid="pint-journey">
      <h2>{t('pint.journey.title')}</h2>
      <ResourceView resource={transfers}>
        {({ platform, transfers: list, arrival }) => {
          const journey = platformJourney(platform.code, issuedAt, list, arrival)
          return (
            <>
              <ol className="journey">
                {journey.legs.map((leg) => (
                  <li key={`${leg.platform}-${leg.from}`}>
                    <strong className="mono">{leg.platform}</strong>
                    {leg.platform === platform.code && ` ${t('pint.journey.here')}`}{' '}
                    {leg.until
                      ? t('pint.journey.between', {
                          from: format.dateTime(leg.from),
                          until: format.dateTime(leg.until),
                        })
                      : t('pint.journey.since', { from: format.dateTime(leg.from) })}
                    {leg.responseCode && (
                      <>
                        {' · '}
                        <ResponseCode code={leg.responseCode} />
                      </>
                    )}
                  </li>
                ))}
              </ol>
              {journey.inTransit && (
                <p className="muted">
                  {t('pint.journey.inTransit', { platform: journey.inTransit.platform })}
                </p>
              )}
              {journey.failures.map((f) => (
                <p key={f.id} className="bad">
                  {t('pint.journey.refused', {
                    platform: f.platform,
                    when: format.dateTime(f.updatedAt),
                  })}{' '}
                  <ResponseCode code={f.responseCode} />
                </p>
              ))}
            </>
          )
        }}
      </ResourceView>
    </section>
  )
}

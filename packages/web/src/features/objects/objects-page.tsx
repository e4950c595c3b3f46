import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Empty, ResourceView } from '../../components/states.js'
import { useDocumentTitle } from '../../lib/router.js'
import { useSession } from '../../lib/session.js'
import { useResource } from '../../lib/use-api.js'
import { useFormat } from '../../lib/use-format.js'

/** An object's EPCIS events as `GET /api/objects/events` answers. */
interface ObjectEvents {
  readonly object: { readonly key: string; readonly scheme: string; readonly isClass: boolean }
  readonly events: readonly {
    readonly event: Readonly<Record<string, unknown>>
    readonly leafIndex: number
  }[]
}

const text = (value: unknown) => (typeof value === 'string' ? value : '—')

/**
 * GS1-keyed objects (a pallet's SSCC, a product's SGTIN, a lot): look one up by its EPC URN or
 * GS1 Digital Link and list the EPCIS events the node holds for it, each with its ledger leaf.
 */
export function ObjectsPage() {
  const { t } = useTranslation()
  const format = useFormat()
  const { me, client } = useSession()
  useDocumentTitle(t('objects.title'))
  const [draft, setDraft] = useState('')
  const [key, setKey] = useState<string | null>(null)
  const found = useResource(key, () =>
    client.get<ObjectEvents>(`/objects/events?key=${encodeURIComponent(key ?? '')}`),
  )
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (draft.trim()) setKey(draft.trim())
  }

  return (
    <section className="page">
      <h1>{t('objects.title')}</h1>
      <p className="muted">{t('objects.intro')}</p>
      {!me ? (
        <Empty>{t('states.signInRequired')}</Empty>
      ) : (
        <>
          <form className="toolbar" role="search" onSubmit={submit}>
            <div>
              <label htmlFor="object-key">{t('objects.key')}</label>
              <input
                id="object-key"
                type="search"
                placeholder="urn:epc:id:sscc:0614141.1234567890"
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
              />
            </div>
            <button type="submit">{t('objects.find')}</button>
          </form>
          {key !== null && (
            <ResourceView resource={found}>
              {({ object, events }) => (
                <>
                  <p data-testid="object-key">
                    {t('objects.canonical', {
                      key: object.key,
                      scheme: object.scheme.toUpperCase(),
                    })}{' '}
                    {object.isClass && t('objects.isClass')}
                  </p>
                  <div className="table-wrap">
                    <table data-testid="object-events">
                      <thead>
                        <tr>
                          <th>{t('objects.time')}</th>
                          <th>{t('objects.type')}</th>
                          <th>{t('objects.action')}</th>
                          <th>{t('objects.bizStep')}</th>
                          <th>{t('objects.leaf')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {events.map(({ event, leafIndex }) => (
                          <tr key={leafIndex}>
                            <td>
                              {typeof event.eventTime === 'string'
                                ? format.dateTime(event.eventTime)
                                : '—'}
                            </td>
                            <td>{text(event.type)}</td>
                            <td>{text(event.action)}</td>
                            <td>{text(event.bizStep)}</td>
                            <td>{leafIndex}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              )}
            </ResourceView>
          )}
        </>
      )}
    </section>
  )
}

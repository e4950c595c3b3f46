import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../lib/api-client.js'
import type { Resource } from '../lib/use-api.js'

/** A polite loading indicator. */
export function Loading() {
  const { t } = useTranslation()
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {t('states.loading')}
    </p>
  )
}

/** A failed request with its code and a retry button. Missing routes read as "not available yet". */
export function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation()
  const code = error instanceof ApiError ? error.code : undefined
  const isMissingRoute =
    error instanceof ApiError && (code === 'ROUTE_NOT_FOUND' || code === 'HTTP_404')
  const isSignedOut = error instanceof ApiError && error.status === 401
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{t('states.errorTitle')}</p>
      <p>
        {isMissingRoute
          ? t('states.unavailable', { code })
          : isSignedOut
            ? t('states.signInRequired')
            : error.message}
      </p>
      {code && <p className="muted mono">{t('states.errorCode', { code })}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('states.retry')}
        </button>
      )}
    </div>
  )
}

/** A friendly "nothing here" message. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>
}

/** Renders loading and error states of a resource, and `children` once it is ready. */
export function ResourceView<T>({
  resource,
  children,
}: {
  resource: Resource<T>
  children: (data: T) => ReactNode
}) {
  if (resource.status === 'loading') return <Loading />
  if (resource.status === 'error')
    return <ErrorState error={resource.error} onRetry={resource.reload} />
  return <>{children(resource.data)}</>
}

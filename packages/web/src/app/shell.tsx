import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { SignInDialog } from '../features/auth/sign-in-dialog.js'
import { changeLanguage } from '../lib/i18n.js'
import { displayName } from '../lib/organisations.js'
import { Link, useRoute } from '../lib/router.js'
import { useSession } from '../lib/session.js'
import { useResource } from '../lib/use-api.js'

const NAV = [
  { href: '/', key: 'map', routes: ['map'] },
  { href: '/shipments', key: 'shipments', routes: ['shipments', 'shipment'] },
  { href: '/objects', key: 'objects', routes: ['objects'] },
  { href: '/bills', key: 'bills', routes: ['bills', 'bill'] },
  { href: '/verify', key: 'verify', routes: ['verify'] },
  { href: '/ledger', key: 'ledger', routes: ['ledger'] },
  { href: '/emissions', key: 'emissions', routes: ['emissions'] },
  { href: '/privacy', key: 'privacy', routes: ['privacy'] },
  { href: '/platforms', key: 'platforms', routes: ['platforms'] },
] as const

/** The frame of every screen: skip link, header with navigation, language and session, main. */
export function Shell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation()
  const route = useRoute()
  const { me, client, signOut } = useSession()
  const [isSignInOpen, setIsSignInOpen] = useState(false)
  const node = useResource('node', () =>
    client.get<{ name?: string; jurisdiction?: string }>('/node'),
  )
  const other = i18n.language === 'zh' ? 'en' : 'zh'

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <Link href="/" className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">
            {t('app.tagline')}
            {node.status === 'ready' && node.data.name && (
              <> · {t('app.node', { name: node.data.name })}</>
            )}
          </span>
        </Link>
        <nav aria-label={t('app.nav.label')} className="app-nav">
          {NAV.map((item) => (
            <Link
              key={item.key}
              href={item.href}
              aria-current={
                (item.routes as readonly string[]).includes(route.name) ? 'page' : undefined
              }
            >
              {t(`app.nav.${item.key}`)}
            </Link>
          ))}
        </nav>
        <div className="app-tools">
          <button
            type="button"
            className="secondary language-switch"
            lang={other === 'zh' ? 'zh-CN' : 'en'}
            aria-label={t('app.language.switchToName')}
            onClick={() => changeLanguage(i18n, other)}
          >
            {t('app.language.switchTo')}
          </button>
          {me ? (
            <>
              <span
                className="who"
                data-testid="signed-in-as"
                title={t('app.signedInAs', { name: displayName(me, i18n.language) })}
              >
                {t('app.signedInAs', { name: displayName(me, i18n.language) })}
              </span>
              <button type="button" className="secondary" onClick={signOut}>
                {t('app.signOut')}
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setIsSignInOpen(true)}>
              {t('app.signIn')}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="app-footer muted">{t('app.footer')}</footer>
      <SignInDialog isOpen={isSignInOpen} onClose={() => setIsSignInOpen(false)} />
    </>
  )
}

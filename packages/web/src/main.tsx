import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { App } from './app/app.js'
import { changeLanguage, createI18n, initialLanguage, savedLanguage } from './lib/i18n.js'
import { SessionProvider, restoreSession } from './lib/session.js'
import 'maplibre-gl/dist/maplibre-gl.css'
import './styles.css'

const language = initialLanguage(savedLanguage(), navigator.languages)
const i18n = createI18n(language)
changeLanguage(i18n, language)

void restoreSession().then((me) =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <SessionProvider initialMe={me}>
          <App />
        </SessionProvider>
      </I18nextProvider>
    </StrictMode>,
  ),
)

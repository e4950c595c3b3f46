import i18next, { type i18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { en } from '../locales/en.js'
import { zh } from '../locales/zh.js'
import type { Language } from './format.js'

const STORAGE_KEY = 'landsea.language'

/** Reads the saved language, else the browser's preference (Chinese for any `zh-*`). */
export function initialLanguage(
  saved: string | null,
  browserLanguages: readonly string[],
): Language {
  if (saved === 'zh' || saved === 'en') return saved
  const first = browserLanguages.find((l) => /^(zh|en)\b/i.test(l))
  return first?.toLowerCase().startsWith('zh') ? 'zh' : 'en'
}

/** Creates the i18next instance with both languages loaded (no network fetch of resources). */
export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance()
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: false,
    resources: { en: { translation: en }, zh: { translation: zh } },
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  })
  return instance
}

/** Switches language, remembers it and sets `<html lang>`. */
export function changeLanguage(instance: i18n, language: Language): void {
  void instance.changeLanguage(language)
  try {
    localStorage.setItem(STORAGE_KEY, language)
  } catch {
    // Storage may be disabled; the choice then lasts for this page only.
  }
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en'
}

/** The saved language preference, if storage is available. */
export function savedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

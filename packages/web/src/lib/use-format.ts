import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import {
  formatDate,
  formatDateTime,
  formatDurationHours,
  formatNumber,
  formatUnit,
  type Language,
} from './format.js'

/** The formatters bound to the current language. */
export function useFormat() {
  const { i18n } = useTranslation()
  const language: Language = i18n.language === 'zh' ? 'zh' : 'en'
  return useMemo(
    () => ({
      language,
      dateTime: (iso: string | null | undefined) => formatDateTime(iso, { language }),
      date: (iso: string | null | undefined) => formatDate(iso, { language }),
      number: (value: number, digits = 0) => formatNumber(value, { language }, digits),
      unit: (value: number, unit: Parameters<typeof formatUnit>[1], digits = 0) =>
        formatUnit(value, unit, { language }, digits),
      duration: (hours: number) => formatDurationHours(hours, { language }),
    }),
    [language],
  )
}

import { useTranslation } from 'react-i18next'

/** A PINT response code with its meaning (PINT 3.0.0 `responseCode`), or a dash when none came. */
export function ResponseCode({ code }: { code: string | null }) {
  const { t } = useTranslation()
  if (!code) return <>—</>
  return (
    <span data-code={code}>
      <span className="mono">{code}</span> {t(`pint.codes.${code}`, { defaultValue: '' })}
    </span>
  )
}

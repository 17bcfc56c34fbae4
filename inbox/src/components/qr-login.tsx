/**
 * A Wechaty login code for the admin to scan with WeChat. The QR image is drawn here (qr/qr-encode.ts)
 * rather than fetched from an online QR service: the code logs a WeChat account into the hotline's
 * bot, so it must not leave the hub. The text stays available to copy (and for screen-reader users).
 */
import { useMemo, useRef, useState } from 'preact/hooks'
import { useI18n } from '../i18n/i18n-context.js'
import { encodeQr } from '../qr/qr-encode.js'
import { QUIET_ZONE, qrSvgPath } from '../qr/qr-svg-path.js'

export function QrLogin({ code, channelId, channelName }: { code: string; channelId: string; channelName: string }) {
  const { t } = useI18n()
  const matrix = useMemo(() => encodeQr(code), [code])
  const [copy, setCopy] = useState<{ code: string; ok: boolean } | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const inputId = `qr-text-${channelId}`
  const side = matrix ? matrix.length + 2 * QUIET_ZONE : 0

  const copyCode = async () => {
    try {
      await navigator.clipboard.writeText(code)
      setCopy({ code, ok: true })
    } catch {
      // No clipboard API (plain http) or no permission: leave the text selected for Ctrl+C.
      input.current?.select()
      setCopy({ code, ok: false })
    }
  }

  return (
    <div class="qr-login" data-testid="qr-login">
      <p class="qr-instructions">{t('channels.scan', { name: channelName })}</p>
      {matrix ? (
        <svg
          class="qr-image"
          role="img"
          aria-label={t('channels.qrLabel', { name: channelName })}
          viewBox={`0 0 ${side} ${side}`}
          width={Math.max(200, side * 4)}
          height={Math.max(200, side * 4)}
          shape-rendering="crispEdges"
          data-testid="qr-image"
        >
          <rect width={side} height={side} fill="#fff" />
          <path d={qrSvgPath(matrix)} fill="#000" />
        </svg>
      ) : (
        <p>{t('channels.qrTooLong')}</p>
      )}
      <label for={inputId} class="qr-text-label">
        {t('channels.qrText')}
      </label>
      <div class="qr-text-row">
        <input id={inputId} ref={input} class="qr-text" type="text" readOnly value={code} onFocus={(event) => event.currentTarget.select()} />
        <button type="button" class="button" onClick={copyCode}>
          {t('channels.copy')}
        </button>
      </div>
      <p class="qr-copy-status" role="status">
        {copy?.code === code ? (copy.ok ? t('channels.copied') : t('channels.copyFailed')) : ''}
      </p>
    </div>
  )
}

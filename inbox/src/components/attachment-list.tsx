/**
 * A message's files and location. Images show inline, audio and video get the browser's player
 * plus a visible download link (the text fallback, also for formats the browser cannot play),
 * other files are download links. A file the
 * hub has not fetched from the provider yet shows a placeholder until the message is updated.
 */
import type { Attachment } from '../../../connectors/spec.js'
import type { MessageDto } from '../../../server/presenters/dto.js'
import { useI18n } from '../i18n/i18n-context.js'
import { attachmentView } from '../state/attachment-view.js'

/** One file (also a case's or a case reply's): `inbound` says an unnamed image is the citizen's. */
export function AttachmentItem({ attachment, inbound }: { attachment: Attachment; inbound: boolean }) {
  const { t } = useI18n()
  const view = attachmentView(attachment, location.href)
  const download = (fallbackName: string, url: string) => (
    <a class="attachment-download" href={url} download={attachment.name ?? ''} target="_blank" rel="noopener noreferrer">
      {t('attachment.download', { name: attachment.name ?? fallbackName })}
    </a>
  )
  switch (view.kind) {
    case 'downloading':
      return (
        <span class="attachment-pending" data-testid="attachment-pending">
          {t('attachment.downloading')}
        </span>
      )
    case 'image': {
      const alt = attachment.name ?? (inbound ? t('attachment.imageFromCitizen') : t('attachment.image'))
      return (
        <a href={view.url} target="_blank" rel="noopener noreferrer">
          <img src={view.url} alt={alt} loading="lazy" />
        </a>
      )
    }
    case 'audio':
      return (
        <>
          {/* biome-ignore lint/a11y/useMediaCaption: citizens' voice messages have no caption track (WeChat's transcript, when any, is the message body) */}
          <audio controls preload="none" src={view.url} aria-label={attachment.name ?? t('attachment.audio')} />
          {download(t('attachment.audio'), view.url)}
        </>
      )
    case 'video':
      return (
        <>
          {/* biome-ignore lint/a11y/useMediaCaption: citizens' own recordings come without a caption track */}
          <video controls preload="metadata" src={view.url} aria-label={attachment.name ?? t('attachment.video')} />
          {download(t('attachment.video'), view.url)}
        </>
      )
    default:
      return download(t('message.attachment'), view.url)
  }
}

export function AttachmentList({ message }: { message: MessageDto }) {
  const { t } = useI18n()
  if (message.attachments.length === 0 && !message.location) return null
  return (
    <ul class="attachments">
      {message.attachments.map((attachment, index) => (
        // Urls change once the hub has downloaded a file, and two may be equal: the index is the stable key.
        <li key={index} class="attachment">
          <AttachmentItem attachment={attachment} inbound={message.direction === 'inbound'} />
        </li>
      ))}
      {message.location && (
        <li>
          {t('message.location')}: {message.location.label ?? `${message.location.latitude.toFixed(5)}, ${message.location.longitude.toFixed(5)}`}
        </li>
      )}
    </ul>
  )
}

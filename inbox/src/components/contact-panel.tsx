/** What the hub knows about the citizen. Phone and email arrive already masked for agents. */
import type { ContactDto } from '../../../server/presenters/dto.js'
import { useI18n } from '../i18n/i18n-context.js'

/** "zh-CN" → "中文（中国）" / "Chinese (China)"; the raw tag if the browser cannot name it. */
function languageName(tag: string, displayLanguage: string): string {
  try {
    return new Intl.DisplayNames([displayLanguage], { type: 'language' }).of(tag) ?? tag
  } catch {
    return tag
  }
}

export function ContactPanel({ contact, channelName }: { contact: ContactDto; channelName: (channelId: string) => string }) {
  const { t, language } = useI18n()
  return (
    <aside class="contact-panel" aria-labelledby="contact-heading">
      <h2 id="contact-heading">{t('contact.title')}</h2>
      <p class="contact-name">{contact.name}</p>
      <dl>
        {contact.phone && (
          <>
            <dt>{t('contact.phone')}</dt>
            <dd>{contact.phone}</dd>
          </>
        )}
        {contact.email && (
          <>
            <dt>{t('contact.email')}</dt>
            <dd>{contact.email}</dd>
          </>
        )}
        {contact.language && (
          <>
            <dt>{t('contact.language')}</dt>
            <dd>{languageName(contact.language, language)}</dd>
          </>
        )}
      </dl>
      {contact.identities.length > 0 && (
        <>
          <h3>{t('contact.identities')}</h3>
          <ul class="identities">
            {contact.identities.map((identity) => (
              <li key={`${identity.channel}:${identity.externalId}`}>
                <span class="identity-channel">{channelName(identity.channel)}</span>
                <span class="identity-id">{identity.externalId}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  )
}

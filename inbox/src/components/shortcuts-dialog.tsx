/** The `?` dialog: every page-wide shortcut with what it does. */
import { useI18n } from '../i18n/i18n-context.js'
import { SHORTCUTS } from '../state/global-keys.js'
import { ModalDialog } from './modal-dialog.js'

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n()
  return (
    <ModalDialog labelId="shortcuts-title" title={t('shortcuts.title')} onClose={onClose} testId="shortcuts-dialog">
      <p>{t('shortcuts.intro')}</p>
      <table class="shortcuts-table">
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.key')}</th>
            <th scope="col">{t('shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.keys}>
              <td>
                <kbd>{shortcut.keys}</kbd>
              </td>
              <td>{t(shortcut.description)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="dialog-actions">
        {/* autofocus: the dialog opens on its only control. */}
        <button type="button" class="button primary" onClick={onClose} autofocus data-testid="shortcuts-close">
          {t('shortcuts.close')}
        </button>
      </div>
    </ModalDialog>
  )
}

/**
 * Supervisors' wallboard: a table of queues (waiting, longest wait, agents per presence), then per
 * queue a table of its agents with their load against capacity. Real tables with captions and
 * header scopes, so a screen reader reads "Housing, Waiting, 3". Refreshed every 5 seconds.
 */
import { useEffect, useRef } from 'preact/hooks'
import { errorText } from '../api/error-text.js'
import { ApiError } from '../api/http.js'
import { useWallboard } from '../hooks/use-wallboard.js'
import { useI18n } from '../i18n/i18n-context.js'
import type { Translate } from '../i18n/languages.js'
import { byPresenceThenName, PRESENCES } from '../state/presence.js'
import { formatWaitSeconds, LOAD_KINDS, loadText, presenceCounts, WallboardFormatError, type WallboardQueue } from '../state/wallboard.js'

function wallboardErrorText(error: unknown, t: Translate): string {
  if (error instanceof WallboardFormatError) return t('wallboard.formatError')
  if (error instanceof ApiError && error.status === 403) return t('wallboard.forbidden')
  return errorText(error, t)
}

export function WallboardView({ queueName }: { queueName: (id: string) => string }) {
  const { t } = useI18n()
  const { queues, error } = useWallboard()
  const heading = useRef<HTMLHeadingElement>(null)
  // Opening the view moves focus to its heading, so screen readers announce where the agent is.
  useEffect(() => heading.current?.focus(), [])

  const errorMessage = error == null ? null : wallboardErrorText(error, t)
  return (
    <main id="wallboard" class="wallboard-pane" tabIndex={-1} aria-labelledby="wallboard-heading" data-testid="wallboard-view">
      <div class="channel-status-head">
        <h2 id="wallboard-heading" ref={heading} tabIndex={-1}>
          {t('wallboard.title')}
        </h2>
        <p class="channel-status-hint">{t('wallboard.refreshHint')}</p>
      </div>
      {errorMessage && (
        <p class="form-error" role="alert" data-testid="wallboard-error">
          {queues ? t('wallboard.error', { reason: errorMessage }) : errorMessage}
        </p>
      )}
      {queues === null && error == null && <p class="pane-message">{t('wallboard.loading')}</p>}
      {queues?.length === 0 && <p class="pane-message">{t('wallboard.empty')}</p>}
      {queues && queues.length > 0 && (
        <>
          <QueueTable queues={queues} queueName={queueName} />
          {queues.map((queue) => (
            <AgentTable key={queue.id} queue={queue} queueName={queueName} />
          ))}
        </>
      )}
    </main>
  )
}

function QueueTable({ queues, queueName }: { queues: WallboardQueue[]; queueName: (id: string) => string }) {
  const { t } = useI18n()
  return (
    <table class="wallboard-table" data-testid="wallboard-queues">
      <caption>{t('wallboard.queues')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('wallboard.queue')}</th>
          <th scope="col">{t('wallboard.waiting')}</th>
          <th scope="col">{t('wallboard.longestWait')}</th>
          {PRESENCES.map((presence) => (
            <th key={presence} scope="col">
              {t(`presence.${presence}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {queues.map((queue) => {
          const counts = presenceCounts(queue.agents)
          return (
            <tr key={queue.id} data-queue={queue.id}>
              <th scope="row">{queueName(queue.id)}</th>
              <td class="number" data-testid="wallboard-waiting">
                {queue.waiting}
              </td>
              <td class={queue.longestWaitSeconds !== null && queue.longestWaitSeconds > 300 ? 'number overdue' : 'number'}>
                {formatWaitSeconds(queue.longestWaitSeconds, t)}
              </td>
              {PRESENCES.map((presence) => (
                <td key={presence} class="number">
                  {counts[presence]}
                </td>
              ))}
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

function AgentTable({ queue, queueName }: { queue: WallboardQueue; queueName: (id: string) => string }) {
  const { t, language } = useI18n()
  const caption = t('wallboard.agentsCaption', { queue: queueName(queue.id) })
  if (queue.agents.length === 0) {
    return (
      <section class="wallboard-agents" aria-label={caption}>
        <h3>{caption}</h3>
        <p>{t('wallboard.noAgents')}</p>
      </section>
    )
  }
  return (
    <table class="wallboard-table wallboard-agents" data-testid="wallboard-agents" data-queue={queue.id}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('wallboard.agent')}</th>
          <th scope="col">{t('wallboard.presence')}</th>
          {LOAD_KINDS.map((kind) => (
            <th key={kind} scope="col">
              {t(`wallboard.${kind}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {byPresenceThenName(queue.agents, language).map((agent) => (
          <tr key={agent.id} data-agent={agent.id} data-presence={agent.presence}>
            <th scope="row">{agent.name}</th>
            <td>
              <span class={`presence-badge presence-${agent.presence}`}>
                <span class="presence-dot" aria-hidden="true" />
                {t(`presence.${agent.presence}`)}
              </span>
            </td>
            {LOAD_KINDS.map((kind) => (
              <td key={kind} class="number">
                {loadText(agent.load[kind], agent.capacity[kind], t)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

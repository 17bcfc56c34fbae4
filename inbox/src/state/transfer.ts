/**
 * Choices and errors of the transfer dialog. Targets are colleagues of the conversation's queue
 * (not the agent themselves, nor the current assignee) or another queue.
 */

import { errorText } from '../api/error-text.js'
import { ApiError } from '../api/http.js'
import type { Translate } from '../i18n/languages.js'
import { byPresenceThenName, type Presence } from './presence.js'

export interface TransferAgent {
  id: string
  name: string
  presence: Presence
}

export type TransferTarget = { toAgentId: string } | { toQueue: string }

export function transferAgents(agents: readonly TransferAgent[], exclude: readonly (string | null | undefined)[], language: string): TransferAgent[] {
  return byPresenceThenName(
    agents.filter((agent) => !exclude.includes(agent.id)),
    language,
  )
}

/** Every queue the inbox knows of (channels' queues, the user's own), except the one the conversation is in. */
export function transferQueues(known: readonly (string | null | undefined)[], current: string): string[] {
  const unique = new Set(known.filter((queue): queue is string => typeof queue === 'string' && queue !== '' && queue !== current))
  return [...unique].sort()
}

export function transferErrorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.code === 'agent_not_in_queue') return t('transfer.errorNotInQueue')
    if (error.code === 'unknown_queue') return t('transfer.errorUnknownQueue')
    if (error.code === 'unknown_agent') return t('transfer.errorUnknownAgent')
    if (error.status === 403) return t('transfer.errorForbidden')
    if (error.status === 404) return t('transfer.errorNotFound')
    if (error.status === 400) return t('transfer.errorInvalid')
  }
  return errorText(error, t)
}

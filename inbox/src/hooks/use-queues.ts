/** Queue names in the user's language (ids until /api/routing/queues answers, or if it fails). */
import { createContext } from 'preact'
import { useCallback, useContext, useEffect, useState } from 'preact/hooks'
import { api, type QueueInfo } from '../api/inbox-api.js'
import type { Language } from '../i18n/languages.js'

export interface Queues {
  /** Null until loaded (or when the hub could not say). */
  all: QueueInfo[] | null
  name: (id: string) => string
}

export function useQueues(language: Language): Queues {
  const [all, setAll] = useState<QueueInfo[] | null>(null)
  useEffect(() => {
    let cancelled = false
    api
      .queues()
      .then(({ queues }) => !cancelled && setAll(queues))
      .catch(() => {})
    return () => {
      cancelled = true
    }
  }, [])
  const name = useCallback(
    (id: string) => {
      const queue = all?.find((item) => item.id === id)
      return queue?.name[language] ?? queue?.name.en ?? queue?.name['zh-CN'] ?? id
    },
    [all, language],
  )
  return { all, name }
}

/** Queue names for components deep in the transcript (timeline events), without threading props. */
export const QueueNameContext = createContext<(id: string) => string>((id) => id)

export function useQueueName(): (id: string) => string {
  return useContext(QueueNameContext)
}

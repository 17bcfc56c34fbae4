/**
 * Which endpoints hear an event: its type must be one the endpoint asked for, and when the
 * endpoint names departments, the case's lead or a co-handling department must be one of them.
 */
import type { WebhookEndpoint } from './webhook-config.js'

export function eventTypeMatches(patterns: readonly string[], type: string): boolean {
  return patterns.some((pattern) => pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))))
}

export function matchingEndpoints<T extends Pick<WebhookEndpoint, 'events' | 'departments'>>(
  endpoints: readonly T[],
  event: { type: string; departments?: readonly string[] | undefined },
): T[] {
  return endpoints.filter((endpoint) => {
    if (!eventTypeMatches(endpoint.events, event.type)) return false
    if (!endpoint.departments) return true
    return (event.departments ?? []).some((department) => endpoint.departments?.includes(department))
  })
}

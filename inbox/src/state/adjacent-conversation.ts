/**
 * `j`/`k` anywhere on the page open the next or previous conversation of the list. From no
 * selection (or one no longer listed), `j` opens the first and `k` the last.
 */
export function adjacentConversationId(ids: readonly string[], selectedId: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null
  const index = selectedId === null ? -1 : ids.indexOf(selectedId)
  if (index === -1) return step === 1 ? (ids[0] ?? null) : (ids[ids.length - 1] ?? null)
  const next = Math.min(Math.max(index + step, 0), ids.length - 1)
  return next === index ? null : (ids[next] ?? null)
}

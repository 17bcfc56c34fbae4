/**
 * Canned responses in the composer: typing "/" then a shortcut at the start of a line (or after
 * a space) offers matching responses; choosing one replaces "/shortcut" with its body, its
 * variables filled in. Unknown variables are left as written, so the agent sees what is missing.
 */

export interface CannedResponse {
  id: string
  shortcut: string
  title: string
  body: string
  /** The queue it is meant for, or null for every queue. */
  queue: string | null
}

export interface CannedVariables {
  'contact.name': string
  'agent.name': string
  'hotline.name': string
  'conversation.id': string
}

/** Where the typed "/shortcut" or "@name" sits in the text, and what has been typed after the sign. */
export interface TokenAtCaret {
  query: string
  start: number
  end: number
}

const VARIABLE = /\{\{\s*([a-zA-Z]+\.[a-zA-Z]+)\s*\}\}/g
const MAX_SUGGESTIONS = 8

export function fillVariables(body: string, variables: CannedVariables): string {
  return body.replace(VARIABLE, (whole, name: string) => {
    const value = (variables as unknown as Record<string, string | undefined>)[name]
    return value === undefined || value === '' ? whole : value
  })
}

/** "/" typed at the start of a line or after whitespace, up to the caret ("http://" is no command). */
export function slashQuery(text: string, caret: number): TokenAtCaret | null {
  const before = text.slice(0, caret)
  const match = /(^|\s)\/([^\s/]{0,32})$/.exec(before)
  if (!match) return null
  const query = match[2] ?? ''
  return { query, start: caret - query.length - 1, end: caret }
}

/** Responses for this queue (and for every queue): shortcut prefix matches first, then title or shortcut containing the query. */
export function matchCanned(responses: readonly CannedResponse[], query: string, queue: string): CannedResponse[] {
  const wanted = query.trim().toLowerCase()
  const usable = responses.filter((response) => response.queue === null || response.queue === queue)
  const rank = (response: CannedResponse): number => {
    const shortcut = response.shortcut.toLowerCase()
    if (!wanted) return 1
    if (shortcut === wanted) return 0
    if (shortcut.startsWith(wanted)) return 1
    if (shortcut.includes(wanted) || response.title.toLowerCase().includes(wanted)) return 2
    return 3
  }
  return usable
    .map((response) => ({ response, rank: rank(response) }))
    .filter((item) => item.rank < 3)
    .sort((a, b) => a.rank - b.rank || a.response.shortcut.localeCompare(b.response.shortcut))
    .slice(0, MAX_SUGGESTIONS)
    .map((item) => item.response)
}

/** Replaces the token (or inserts at the caret) and says where the caret goes next. */
export function replaceToken(text: string, token: Pick<TokenAtCaret, 'start' | 'end'>, insert: string): { text: string; caret: number } {
  const next = text.slice(0, token.start) + insert + text.slice(token.end)
  return { text: next, caret: token.start + insert.length }
}

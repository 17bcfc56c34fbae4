/**
 * @mentions in private notes: typing "@" and part of a colleague's name offers the queue's
 * agents; choosing one writes "@Full Name " (names may contain spaces, so the hub matches the
 * names it knows rather than a single word).
 */
import type { TokenAtCaret } from './canned-responses.js'

export interface Mentionable {
  id: string
  name: string
}

const MAX_SUGGESTIONS = 8

/** "@" at the start or after whitespace, followed by up to 32 characters without "@" or a line break. */
export function mentionQuery(text: string, caret: number): TokenAtCaret | null {
  const before = text.slice(0, caret)
  const match = /(^|\s)@([^@\n]{0,32})$/.exec(before)
  if (!match) return null
  const query = match[2] ?? ''
  // Two spaces, or a space at the start, end the attempt: the agent is writing prose again.
  if (/^\s|\s\s/.test(query)) return null
  return { query, start: caret - query.length - 1, end: caret }
}

/** Colleagues whose name starts with the query first, then those with a word (or CJK text) containing it. */
export function matchMentionables<Item extends Mentionable>(people: readonly Item[], query: string, excludeId: string | null = null): Item[] {
  const wanted = query.toLocaleLowerCase()
  const ranked: { person: Item; rank: number }[] = []
  for (const person of people) {
    if (person.id === excludeId) continue
    const name = person.name.toLocaleLowerCase()
    const rank = name.startsWith(wanted) ? 0 : name.includes(wanted) ? 1 : -1
    if (rank >= 0) ranked.push({ person, rank })
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || a.person.name.localeCompare(b.person.name))
    .slice(0, MAX_SUGGESTIONS)
    .map((item) => item.person)
}

export function mentionText(person: Mentionable): string {
  return `@${person.name} `
}

/** The colleagues a note mentions, longest name first so "@Li Na" is not read as "@Li". */
export function mentionedPeople<Item extends Mentionable>(body: string, people: readonly Item[]): Item[] {
  const found: Item[] = []
  let rest = body
  for (const person of [...people].sort((a, b) => b.name.length - a.name.length)) {
    const marker = `@${person.name}`
    let index = rest.indexOf(marker)
    let hit = false
    while (index !== -1) {
      const before = index === 0 ? '' : rest[index - 1]
      const after = rest[index + marker.length] ?? ''
      // Chinese is written without spaces: after a Han name any character may follow.
      const ends = /\p{Script=Han}$/u.test(person.name) || !/[\p{L}\p{N}_]/u.test(after)
      if ((before === '' || /\s/.test(before ?? '')) && ends) {
        hit = true
        rest = rest.slice(0, index) + ' '.repeat(marker.length) + rest.slice(index + marker.length)
      }
      index = rest.indexOf(marker, index + 1)
    }
    if (hit) found.push(person)
  }
  return found
}

/**
 * `@Name` in an internal note tells that colleague. Pure matching: names may contain spaces or
 * be Chinese (no word boundaries), so a mention is the exact `@` + display name, longest names
 * first so `@Li Na` is not also read as a mention of `Li`.
 */
export interface Mentionable {
  id: string
  name: string
}

export function findMentions(body: string, colleagues: readonly Mentionable[]): Mentionable[] {
  const found: Mentionable[] = []
  let rest = body
  for (const colleague of [...colleagues].sort((a, b) => b.name.length - a.name.length)) {
    const token = `@${colleague.name}`
    if (!colleague.name || !rest.includes(token)) continue
    found.push(colleague)
    rest = rest.split(token).join(' ')
  }
  return found
}

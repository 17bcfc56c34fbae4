/**
 * What the inbox knows of the hub it works in (from `/api/me`): its name, for canned responses'
 * `{{hotline.name}}`, and its time zone, for snooze presets such as "tomorrow 9:00". Until it is
 * known: the built-in name and China's zone.
 */
export interface HubInfo {
  name: Record<string, string>
  timezone: string
}

let current: HubInfo | null = null

export function setHubInfo(info: HubInfo | undefined): void {
  if (info) current = info
}

export function hubTimeZone(): string {
  return current?.timezone ?? 'Asia/Shanghai'
}

/** The hub's name in `language`, or undefined when not known yet (callers fall back to the built-in text). */
export function hubName(language: string): string | undefined {
  return current?.name[language] ?? current?.name.en
}

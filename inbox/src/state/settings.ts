/**
 * The Settings view: which sections a role may open (admins: queues, users and canned responses;
 * supervisors: canned responses), and the checks its forms make before asking the hub, with the
 * same limits the hub applies, so a mistake is explained next to the field instead of as a 400.
 */
import type { Role } from '../../../server/presenters/dto.js'
import type { MessageKey } from '../i18n/en.js'
import type { Translate } from '../i18n/languages.js'

export type SettingsSection = 'queues' | 'users' | 'canned'

export function settingsSectionsFor(role: Role): readonly SettingsSection[] {
  if (role === 'admin') return ['queues', 'users', 'canned']
  if (role === 'supervisor') return ['canned']
  return []
}

/** The tab a key moves to in a row of `count` tabs (arrows wrap around, Home and End jump), or null for other keys. */
export function tabAfterKey(index: number, count: number, key: string): number | null {
  switch (key) {
    case 'ArrowRight':
      return (index + 1) % count
    case 'ArrowLeft':
      return (index - 1 + count) % count
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return null
  }
}

export const ASSIGNMENT_MODES = ['manual', 'round_robin', 'least_busy'] as const
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number]

export const CAPACITY_KINDS = ['chat', 'call', 'email'] as const
export type CapacityKind = (typeof CAPACITY_KINDS)[number]
export type Capacity = Record<CapacityKind, number>

/** The hub's upper bounds (PUT /api/admin/users/:id/routing, PUT /api/admin/queues/:id). */
export const CAPACITY_LIMITS: Capacity = { chat: 50, call: 5, email: 100 }
export const MAX_REASSIGN_MINUTES = 1440
export const MAX_SKILLS = 20

/** A queue as GET /api/admin/queues sends it: the settings in effect. */
export interface AdminQueue {
  id: string
  name: Partial<Record<string, string>>
  assignment: AssignmentMode
  reassignAfterMinutes: number
  skills: string[]
}

/** A user as GET /api/admin/users sends it; capacity is in effect (their own, else the hub's default). */
export interface RoutingUser {
  id: string
  name: string
  email: string
  role: Role
  queues: string[]
  skills: string[]
  capacity: Capacity
  allQueues: boolean
  active: boolean
  /** The department a department user works for. */
  department?: string
}

/** A user an admin creates: hotline staff with queues, or department staff with their department. */
export interface NewUser {
  email: string
  name: string
  role: Role
  department?: string
  queues?: string[]
  language: 'zh-CN' | 'en'
  password: string
}

/** The hub's minimum for an initial password (POST /api/admin/users). */
export const MIN_PASSWORD_LENGTH = 12

export interface CannedDraft {
  shortcut: string
  title: string
  body: string
  /** Null: offered in every queue. */
  queue: string | null
}

const SKILL = /^[a-z0-9][a-z0-9_-]{0,31}$/
const SHORTCUT = /^[\p{L}\p{N}_-]{1,32}$/u
export const MAX_CANNED_TITLE = 100
export const MAX_CANNED_BODY = 4000

/** "english, sign-language" (commas, 、 or spaces) → the skills, and those the hub would refuse. */
export function parseSkills(text: string): { skills: string[]; invalid: string[] } {
  const words = [...new Set(text.split(/[\s,，、;；]+/).filter((word) => word !== ''))]
  return { skills: words.filter((word) => SKILL.test(word)), invalid: words.filter((word) => !SKILL.test(word)) }
}

/** The skills typed in a field, or why the hub would refuse them. */
export function readSkills(text: string, t: Translate): { skills: string[]; error: null } | { skills: null; error: string } {
  const { skills, invalid } = parseSkills(text)
  if (invalid.length > 0) return { skills: null, error: t('settings.invalidSkills', { skills: invalid.join(', ') }) }
  if (skills.length > MAX_SKILLS) return { skills: null, error: t('settings.tooManySkills', { max: MAX_SKILLS }) }
  return { skills, error: null }
}

/** A whole number typed in a field, within bounds; null when it is anything else. */
export function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null
  const value = Number(text)
  return value >= min && value <= max ? value : null
}

/** Why a canned response cannot be saved as typed, or null. */
export function cannedDraftProblem(draft: CannedDraft): MessageKey | null {
  if (!SHORTCUT.test(draft.shortcut.trim().replace(/^\//, ''))) return 'settings.canned.invalidShortcut'
  if (draft.title.trim() === '' || draft.title.trim().length > MAX_CANNED_TITLE) return 'settings.canned.invalidTitle'
  if (draft.body.trim() === '' || draft.body.trim().length > MAX_CANNED_BODY) return 'settings.canned.invalidBody'
  return null
}

/** What the hub is sent: the shortcut without a leading "/" the admin may have typed, every text trimmed. */
export function cannedPayload(draft: CannedDraft): CannedDraft {
  return { shortcut: draft.shortcut.trim().replace(/^\//, ''), title: draft.title.trim(), body: draft.body.trim(), queue: draft.queue }
}

/** The list with `item` in place of the entry of the same id (or added at the end). */
export function withItem<T extends { id: string }>(items: readonly T[], item: T): T[] {
  return items.some((existing) => existing.id === item.id) ? items.map((existing) => (existing.id === item.id ? item : existing)) : [...items, item]
}

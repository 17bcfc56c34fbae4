/**
 * What the citizen reads about their case, in their language (Simplified Chinese or English;
 * other languages fall back to the hub's Chinese). One place for every sentence, so the
 * widget, SMS, WeChat, email and the IVR say the same thing.
 */
import type { HubConfig } from '../config/hub-config-schema.js'
import type { HistoryEntry, WorkOrderDoc } from '../models/work-order.js'
import { STATUS_TEXT } from './lifecycle-states.js'

type Lang = 'zh-CN' | 'en'
type Config = Pick<HubConfig, 'hub' | 'workOrders'>

export function citizenLanguage(language: string | undefined): Lang {
  return language?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN'
}

/** 2026-11-30 18:00 in the hub's zone. */
export function localTime(config: Config, at: Date | string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: config.hub.timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(at))
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`
}

function departmentName(config: Config, id: string | null | undefined, lang: Lang): string {
  const department = config.workOrders.departments.find((candidate) => candidate.id === id)
  return department ? (department.name[lang] ?? department.name['zh-CN']) : (id ?? '')
}

export const RATING_QUESTION: Record<Lang, string> = {
  'zh-CN': '请回复数字评价办理结果：1 满意，2 基本满意，3 不满意（请同时说明原因）。',
  en: 'Please rate how it was handled by replying with a number: 1 satisfied, 2 basically satisfied, 3 unsatisfied (with the reason).',
}

/** The sentence for a transition the citizen hears about, or null for the ones they do not. */
export function notificationText(config: Config, order: WorkOrderDoc, entry: HistoryEntry, language: string): string | null {
  const lang = citizenLanguage(language)
  const zh = lang === 'zh-CN'
  const n = order.number
  const due = order.deadlines.resolve ? localTime(config, order.deadlines.resolve.dueAt) : null
  switch (entry.action) {
    case 'register':
      return zh
        ? `您的诉求已受理，工单编号 ${n}。发送“查询 ${n}”可随时查看办理进度。`
        : `Your request is registered as case ${n}. Send "status ${n}" at any time to see where it stands.`
    case 'dispatch':
      // Only the first dispatch: re-dispatches after a return are internal.
      if (order.dispatchCount > 1 && order.redoCount === 0) return null
      return zh
        ? `工单 ${n} 已转交${departmentName(config, order.leadDepartment, lang)}办理${due ? `，办理时限至 ${due}` : ''}。`
        : `Case ${n} is with ${departmentName(config, order.leadDepartment, lang)}${due ? `, due by ${due}` : ''}.`
    case 'approve_extension':
      return zh ? `工单 ${n} 的办理时限经批准延长至 ${due}。` : `The deadline of case ${n} was extended to ${due}.`
    case 'resolve':
    case 'answer_directly': {
      const answer = entry.action === 'answer_directly' ? (order.closingNote ?? '') : (order.replies.at(-1)?.text ?? '')
      return zh ? `工单 ${n} 已办结。${answer ? `办理结果：${answer}` : ''}` : `Case ${n} is resolved.${answer ? ` Outcome: ${answer}` : ''}`
    }
    case 'not_accept':
      return zh ? `工单 ${n} 不予受理：${order.closingNote ?? ''}` : `Case ${n} cannot be accepted here: ${order.closingNote ?? ''}`
    case 'ask_follow_up':
      return zh ? `回访：工单 ${n} 已办结。${RATING_QUESTION['zh-CN']}` : `Follow-up on case ${n}. ${RATING_QUESTION.en}`
    default:
      return null
  }
}

/** The answer to a status lookup. `full`: the asker proved they filed it, so the outcome is told too. */
export function statusText(config: Config, order: WorkOrderDoc, language: string, full: boolean): string {
  const lang = citizenLanguage(language)
  const zh = lang === 'zh-CN'
  const status = STATUS_TEXT[order.status][lang]
  const due =
    order.deadlines.resolve && !['resolved', 'follow_up', 'rated', 'archived', 'not_accepted', 'merged'].includes(order.status)
      ? localTime(config, order.deadlines.resolve.dueAt)
      : null
  const base = zh ? `工单 ${order.number}：${status}` : `Case ${order.number}: ${status}`
  if (!full) return zh ? `${base}。` : `${base}.`
  const department = order.leadDepartment ? departmentName(config, order.leadDepartment, lang) : null
  const outcome = ['resolved', 'follow_up', 'rated', 'archived'].includes(order.status) ? (order.closingNote ?? order.replies.at(-1)?.text ?? null) : null
  const pieces = zh
    ? [base, department ? `承办单位：${department}` : null, due ? `办理时限：${due}` : null, outcome ? `办理结果：${outcome}` : null]
    : [base, department ? `department: ${department}` : null, due ? `due by ${due}` : null, outcome ? `outcome: ${outcome}` : null]
  return `${pieces.filter(Boolean).join(zh ? '；' : '; ')}${zh ? '。' : '.'}`
}

export const LOOKUP_TEXTS: Record<Lang, { askNumber: string; notFound: string; askCheck: string; ratingThanks: string; askReason: string }> = {
  'zh-CN': {
    askNumber: '请发送工单编号查询办理进度，例如：查询 2026-000123。',
    notFound: '未找到该工单，请核对编号后再试。',
    askCheck: '为保护您的隐私，请在编号后加上登记电话号码的后四位，例如：查询 2026-000123 5678。',
    ratingThanks: '感谢您的评价！',
    askReason: '很抱歉未能让您满意，请回复不满意的原因，我们将核实处理。',
  },
  en: {
    askNumber: 'Send your case number to see where it stands, e.g. status 2026-000123.',
    notFound: 'No case has that number; please check it and try again.',
    askCheck: 'To protect your privacy, add the last four digits of the phone number you gave, e.g. status 2026-000123 5678.',
    ratingThanks: 'Thank you for your rating!',
    askReason: 'We are sorry. Please tell us why you are unsatisfied so we can look into it.',
  },
}

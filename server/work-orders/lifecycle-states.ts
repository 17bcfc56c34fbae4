/**
 * The states of a work order, in the order of the 12345 loop (受理 → 派单 → 签收 → 办理 → 答复 →
 * 审核 → 办结 → 回访 → 评价 → 归档), plus the ways out of it.
 */
export const WORK_ORDER_STATUSES = [
  'registered', // 登记/受理
  'dispatched', // 派单
  'returned', // 退单, waiting to be re-dispatched or designated
  'signed', // 签收
  'in_progress', // 办理
  'replied', // 答复 (the department's answer, waiting for the hotline's review)
  'reviewed', // 审核通过
  'resolved', // 办结
  'follow_up', // 回访 (asked the citizen)
  'rated', // 评价
  'archived', // 归档
  'not_accepted', // 不予受理 (the proper route was told)
  'merged', // 并单 (a duplicate under a master case)
] as const
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number]

/** Nothing more happens to these. */
export const FINAL_STATUSES: ReadonlySet<WorkOrderStatus> = new Set(['archived', 'not_accepted', 'merged'])

/** A department holds the case in these (its deadlines run; supervision applies). */
export const WITH_DEPARTMENT: ReadonlySet<WorkOrderStatus> = new Set(['dispatched', 'signed', 'in_progress'])

/** What the citizen is told, per state (status lookups and notifications). */
export const STATUS_TEXT: Record<WorkOrderStatus, { 'zh-CN': string; en: string }> = {
  registered: { 'zh-CN': '已受理', en: 'received' },
  dispatched: { 'zh-CN': '已派发至承办单位', en: 'sent to the responsible department' },
  returned: { 'zh-CN': '正在重新派发', en: 'being sent to the right department' },
  signed: { 'zh-CN': '承办单位已签收', en: 'accepted by the department' },
  in_progress: { 'zh-CN': '办理中', en: 'being handled' },
  replied: { 'zh-CN': '承办单位已答复，热线审核中', en: 'answered by the department, under review' },
  reviewed: { 'zh-CN': '已审核，即将办结', en: 'reviewed, about to be closed' },
  resolved: { 'zh-CN': '已办结', en: 'resolved' },
  follow_up: { 'zh-CN': '已办结，回访中', en: 'resolved, waiting for your rating' },
  rated: { 'zh-CN': '已办结，已评价', en: 'resolved and rated' },
  archived: { 'zh-CN': '已办结归档', en: 'closed' },
  not_accepted: { 'zh-CN': '不予受理', en: 'not accepted' },
  merged: { 'zh-CN': '已与相同诉求合并办理', en: 'merged with the same request' },
}

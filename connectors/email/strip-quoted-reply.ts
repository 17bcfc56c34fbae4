/**
 * Cuts the quoted history off a reply's plain text, so the agent reads what the citizen wrote
 * this time (the history is already in the conversation). Pure, and conservative: it cuts only at
 * a recognizable reply header or a trailing block of `>` lines, and never leaves nothing.
 * Forwards are not replies: their "quoted" part is the content (the caller skips them).
 */

export interface StrippedReply {
  text: string
  stripped: boolean
}

const REPLY_HEADERS: readonly RegExp[] = [
  // Gmail, Apple Mail, Thunderbird: "On Mon, 1 Jun 2026 at 10:00, Zhang San <z@example.cn> wrote:"
  /^On\b.{0,300}\bwrote:\s*$/i,
  // Chinese clients: "在 2026年6月1日 10:00，张三 <z@example.cn> 写道：" / "张三 于 2026年6月1日 写道："
  /^.{0,300}写道\s*[:：]\s*$/,
  // Outlook and QQ Mail separators.
  /^-{2,}\s*(Original Message|Original|原始邮件|原始郵件|Reply Message|回复的原邮件)\s*-{2,}\s*$/i,
  /^_{20,}\s*$/,
]

// Outlook's quoted header block: "From: …" / "发件人: …" followed by "Sent:" / "发送时间:" within a few lines.
const HEADER_BLOCK_START = /^\s*\*?(From|发件人|寄件者)\s*\*?\s*[:：]/i
const HEADER_BLOCK_NEXT = /^\s*\*?(Sent|Date|发送时间|日期|寄件日期|时间)\s*\*?\s*[:：]/i

export function stripQuotedReply(text: string): StrippedReply {
  const lines = text.split(/\r?\n/)
  let cut = lines.findIndex((line, index) => isReplyHeader(line, lines[index + 1]) || isHeaderBlock(lines, index))
  if (cut === -1) cut = trailingQuoteStart(lines)
  if (cut === -1) return { text, stripped: false }
  const kept = lines.slice(0, cut).join('\n').trimEnd()
  if (!kept.trim()) return { text, stripped: false }
  return { text: kept, stripped: true }
}

function isReplyHeader(line: string, next: string | undefined): boolean {
  const trimmed = line.trim()
  if (REPLY_HEADERS.some((pattern) => pattern.test(trimmed))) return true
  // Clients wrap a long "On … wrote:" line in two.
  return /^On\b/i.test(trimmed) && next !== undefined && /\bwrote:\s*$/i.test(next.trim()) && trimmed.length + next.length < 300
}

function isHeaderBlock(lines: readonly string[], index: number): boolean {
  if (!HEADER_BLOCK_START.test(lines[index] ?? '')) return false
  return lines.slice(index + 1, index + 5).some((line) => HEADER_BLOCK_NEXT.test(line))
}

/** Start of the last run of `>` lines when nothing but blank lines follows it. */
function trailingQuoteStart(lines: readonly string[]): number {
  let end = lines.length
  while (end > 0 && !lines[end - 1]?.trim()) end -= 1
  let start = end
  while (start > 0 && (lines[start - 1]?.startsWith('>') || (!lines[start - 1]?.trim() && start < end))) start -= 1
  while (start < end && !lines[start]?.trim()) start += 1
  return start < end && start > 0 ? start : -1
}

import { Message, type MessageDoc } from '../models/message.js'

const PAGE = 200
/** A reconnecting client that is further behind than this reloads instead (the client sees a gap and resyncs). */
const MAX_REPLAY = 5000

/** Messages after a seq, oldest first, in bounded pages. */
export async function* messagesAfter(conversationId: string, afterSeq: number, options: { includePrivate: boolean }): AsyncGenerator<MessageDoc> {
  let after = afterSeq
  let sent = 0
  while (sent < MAX_REPLAY) {
    const page = await Message.find({ conversationId, seq: { $gt: after } })
      .sort({ seq: 1 })
      .limit(PAGE)
      .lean<MessageDoc[]>()
    for (const message of page) {
      after = message.seq
      if (message.private && !options.includePrivate) continue
      sent += 1
      yield message
    }
    if (page.length < PAGE) return
  }
}

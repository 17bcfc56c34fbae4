/**
 * Deciding when "a conversation was assigned to you" deserves a notice: when a frame shows me as
 * the assignee of a conversation last seen with someone else or nobody. Conversations already mine
 * when the inbox opened are remembered first, so their later messages do not count as new.
 */
import type { ConversationDto } from '../../../server/presenters/dto.js'

export class AssignmentWatch {
  private readonly assignees = new Map<string, string | null>()

  constructor(private readonly userId: string) {}

  /** Records conversations without announcing anything (the initial load, a refresh after reconnecting). */
  remember(conversations: readonly Pick<ConversationDto, 'id' | 'assignee'>[]): void {
    for (const conversation of conversations) this.assignees.set(conversation.id, conversation.assignee?.id ?? null)
  }

  /** True when this update made the conversation mine. */
  newlyMine(conversation: Pick<ConversationDto, 'id' | 'assignee' | 'status'>): boolean {
    const before = this.assignees.get(conversation.id)
    const now = conversation.assignee?.id ?? null
    this.assignees.set(conversation.id, now)
    return now === this.userId && before !== this.userId && conversation.status !== 'resolved'
  }
}

import type { MessageDto } from '../../server/presenters/dto.js'

/** An agent's text message as the hub presents it; tests override what they are about. */
export function messageDto(overrides: Partial<MessageDto> & { seq: number }): MessageDto {
  return {
    id: `m${overrides.seq}`,
    conversationId: 'c1',
    direction: 'outbound',
    sender: { type: 'agent', id: 'a1', name: 'Li' },
    type: 'text',
    body: `message ${overrides.seq}`,
    attachments: [],
    status: 'sent',
    private: false,
    createdAt: '2025-01-01T08:00:00.000Z',
    ...overrides,
  }
}

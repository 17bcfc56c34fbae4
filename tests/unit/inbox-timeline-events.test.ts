import { describe, expect, it } from 'vitest'
import { translator } from '../../inbox/src/i18n/languages.js'
import { timelineEventText } from '../../inbox/src/state/timeline-event.js'
import type { MessageDto } from '../../server/presenters/dto.js'

const en = translator('en')
const zh = translator('zh-CN')

function event(name: string, sender: MessageDto['sender'], extra: Record<string, string> = {}): Pick<MessageDto, 'event' | 'sender' | 'body'> {
  return { event: { name, ...extra }, sender, body: 'server text' }
}

const ann = { type: 'agent' as const, id: 'usr_1', name: 'Ann' }
const routing = { type: 'system' as const }

describe('timelineEventText', () => {
  it('words automatic assignment from the queue, and names the assignee when the hub sends it', () => {
    expect(timelineEventText(event('conversation.assigned', routing, { queue: 'general' }), en)).toBe('Assigned automatically from queue general')
    expect(timelineEventText(event('conversation.assigned', routing, { queue: 'general' }), zh)).toBe('已从队列 general 自动分配')
    expect(timelineEventText(event('conversation.assigned', routing, { assigneeName: 'Bo' }), en)).toBe('Assigned automatically to Bo')
    expect(timelineEventText(event('conversation.assigned', ann), en)).toBe('Ann assigned the conversation')
  })

  it('words transfers with the actor, and the target when known', () => {
    expect(timelineEventText(event('conversation.transferred', ann), en)).toBe('Ann transferred the conversation')
    expect(timelineEventText(event('conversation.transferred', ann), zh)).toBe('Ann 转派了会话')
    expect(timelineEventText(event('conversation.transferred', ann, { toName: 'Bo' }), en)).toBe('Ann transferred the conversation to Bo')
    expect(timelineEventText(event('conversation.transferred', ann, { toQueue: 'housing' }), en, (id) => `Q-${id}`)).toBe(
      'Ann transferred the conversation to queue Q-housing',
    )
  })

  it('words reassignment, unassignment, status changes and waking up', () => {
    expect(timelineEventText(event('conversation.reassigned', routing, { queue: 'general' }), en)).toBe('back in queue general for another agent')
    expect(timelineEventText(event('conversation.reassigned', routing, { reason: 'no_answer' }), en)).toBe(
      'The assigned agent did not answer in time: back in the queue for another agent',
    )
    expect(timelineEventText(event('conversation.unassigned', ann), zh)).toBe('Ann 取消了会话的分配')
    expect(timelineEventText(event('conversation.status', ann), en)).toBe('Ann changed the status')
    expect(timelineEventText(event('conversation.status', ann, { to: 'resolved' }), zh)).toBe('Ann 将状态改为 已办结')
    expect(timelineEventText(event('conversation.woke', routing), en)).toBe('The snooze ended: the conversation is open again')
  })

  it('reads details where the hub sends them now (event.details)', () => {
    const transferred = { event: { name: 'conversation.transferred', details: { toName: 'Bo', fromName: 'Ann' } }, sender: ann, body: 'x' }
    expect(timelineEventText(transferred, zh)).toBe('Ann 将会话转派给 Bo')
    const snoozed = { event: { name: 'conversation.status', details: { to: 'snoozed', snoozedUntil: '2026-11-24T01:00:00Z' } }, sender: ann, body: 'x' }
    expect(timelineEventText(snoozed, en, undefined, (iso) => `<${iso}>`)).toBe('Ann snoozed the conversation until <2026-11-24T01:00:00Z>')
  })

  it('words SLA warnings and contact merges', () => {
    const late = { event: { name: 'sla.breached', details: { target: 'firstResponse', dueAt: '2026-11-23T02:00:00Z' } }, sender: routing, body: 'x' }
    expect(timelineEventText(late, en, undefined, () => '10:00')).toBe('First reply breached (due 10:00)')
    expect(timelineEventText(late, zh, undefined, () => '10:00')).toBe('首次响应已超时（期限 10:00）')
    const risky = { event: { name: 'sla.at_risk', details: { target: 'resolution' } }, sender: routing, body: 'x' }
    expect(timelineEventText(risky, en)).toBe('Resolution at risk')
    const merged = { event: { name: 'contact.merged', details: { contactName: '王芳' } }, sender: ann, body: 'x' }
    expect(timelineEventText(merged, en)).toBe('Ann merged the contact into 王芳')
    expect(timelineEventText({ ...merged, event: { name: 'contact.unmerged' } }, zh)).toBe('Ann 撤销了客户合并')
  })

  it('leaves other events to the caller', () => {
    expect(timelineEventText(event('call.queued', routing), en)).toBeNull()
    expect(timelineEventText({ sender: routing, body: '[menu] x' }, en)).toBeNull()
  })
})

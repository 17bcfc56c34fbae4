import { describe, expect, it } from 'vitest'
import { canAccessConversation, canAssign, hasRole, seesAllQueues } from '../../server/auth/access.js'
import type { Role } from '../../server/presenters/dto.js'

const user = (role: Role, queues: string[] = [], id = `u_${role}`) => ({ _id: id, role, queues })
const conversation = (queue: string, assigneeId: string | null = null) => ({ queue, assigneeId })

const admin = user('admin')
const supervisor = user('supervisor', ['general'])
const dutyManager = { ...user('supervisor', [], 'u_duty'), allQueues: true }
const agent = user('agent', ['general', 'housing'], 'u_agent')

describe('seesAllQueues', () => {
  it('is true for admins, and for others only when granted every queue', () => {
    expect(seesAllQueues(admin)).toBe(true)
    expect(seesAllQueues(dutyManager)).toBe(true)
    expect(seesAllQueues(supervisor)).toBe(false)
    expect(seesAllQueues(agent)).toBe(false)
  })
})

describe('canAccessConversation', () => {
  it('lets admins and granted users into any queue, even with no queues of their own', () => {
    expect(canAccessConversation(admin, conversation('tax'))).toBe(true)
    expect(canAccessConversation(dutyManager, conversation('tax'))).toBe(true)
  })

  it('keeps supervisors to the queues they supervise', () => {
    expect(canAccessConversation(supervisor, conversation('general'))).toBe(true)
    expect(canAccessConversation(supervisor, conversation('tax'))).toBe(false)
  })

  it('lets an agent into the queues they work', () => {
    expect(canAccessConversation(agent, conversation('general'))).toBe(true)
    expect(canAccessConversation(agent, conversation('housing'))).toBe(true)
  })

  it('keeps an agent out of other queues', () => {
    expect(canAccessConversation(agent, conversation('tax'))).toBe(false)
    expect(canAccessConversation(agent, conversation('tax', 'u_other'))).toBe(false)
  })

  it('lets an agent into a conversation assigned to them in a queue they do not work', () => {
    expect(canAccessConversation(agent, conversation('tax', 'u_agent'))).toBe(true)
  })

  it('matches queue ids exactly', () => {
    expect(canAccessConversation(agent, conversation('General'))).toBe(false)
    expect(canAccessConversation(agent, conversation('gen'))).toBe(false)
  })

  it('keeps an agent with no queues out of unassigned conversations', () => {
    expect(canAccessConversation(user('agent', [], 'u_new'), conversation('general'))).toBe(false)
  })
})

describe('canAssign', () => {
  it('lets admins and supervisors assign anyone, or no one', () => {
    for (const manager of [admin, supervisor]) {
      expect(canAssign(manager, 'u_agent', null)).toBe(true)
      expect(canAssign(manager, 'u_agent', 'u_other')).toBe(true)
      expect(canAssign(manager, null, 'u_other')).toBe(true)
    }
  })

  it('lets an agent take an unassigned conversation', () => {
    expect(canAssign(agent, 'u_agent', null)).toBe(true)
  })

  it('lets an agent drop a conversation assigned to them', () => {
    expect(canAssign(agent, null, 'u_agent')).toBe(true)
  })

  it('lets an agent re-take a conversation they already hold (a no-op)', () => {
    expect(canAssign(agent, 'u_agent', 'u_agent')).toBe(true)
  })

  it('does not let an agent assign someone else', () => {
    expect(canAssign(agent, 'u_other', null)).toBe(false)
    expect(canAssign(agent, 'u_other', 'u_agent')).toBe(false)
  })

  it("does not let an agent unassign someone else's conversation", () => {
    expect(canAssign(agent, null, 'u_other')).toBe(false)
  })

  it('does not let an agent leave a conversation unassigned that nobody held', () => {
    expect(canAssign(agent, null, null)).toBe(false)
  })
})

describe('hasRole', () => {
  it('is true when the role is among the allowed ones', () => {
    expect(hasRole(admin, ['admin'])).toBe(true)
    expect(hasRole(supervisor, ['admin', 'supervisor'])).toBe(true)
  })

  it('is false otherwise, with no hierarchy implied', () => {
    expect(hasRole(agent, ['admin', 'supervisor'])).toBe(false)
    expect(hasRole(admin, ['supervisor'])).toBe(false)
  })

  it('is false for an empty list', () => {
    expect(hasRole(admin, [])).toBe(false)
  })
})

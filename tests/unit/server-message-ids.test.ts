import { describe, expect, it } from 'vitest'
import { agentMessageId, inboundMessageId } from '../../server/pipeline/message-ids.js'

describe('inboundMessageId', () => {
  it('is the same id for the same provider message (redelivery hits the primary key)', () => {
    expect(inboundMessageId('web', 'visitor:client-0001')).toBe(inboundMessageId('web', 'visitor:client-0001'))
  })

  it('is prefixed msg_in_ and 27 URL-safe characters long after it', () => {
    expect(inboundMessageId('web', 'x')).toMatch(/^msg_in_[A-Za-z0-9_-]{27}$/)
  })

  it('differs per channel for the same provider id (two WeChat accounts may reuse ids)', () => {
    expect(inboundMessageId('wechat-a', '12345')).not.toBe(inboundMessageId('wechat-b', '12345'))
  })

  it('differs per provider id on one channel', () => {
    expect(inboundMessageId('web', '12345')).not.toBe(inboundMessageId('web', '12346'))
  })

  it('does not confuse where the channel id ends and the provider id begins', () => {
    expect(inboundMessageId('web-1', '2')).not.toBe(inboundMessageId('web', '-12'))
    expect(inboundMessageId('web', '12')).not.toBe(inboundMessageId('web1', '2'))
  })

  it('is distinct across many inputs', () => {
    const ids = new Set<string>()
    for (let channel = 0; channel < 10; channel += 1)
      for (let message = 0; message < 200; message += 1) ids.add(inboundMessageId(`ch${channel}`, `m${message}`))
    expect(ids.size).toBe(2000)
  })

  it('handles ids with any characters, including non-ASCII', () => {
    expect(inboundMessageId('web', '消息/1?x=y')).toMatch(/^msg_in_[A-Za-z0-9_-]{27}$/)
    expect(inboundMessageId('web', '')).toMatch(/^msg_in_[A-Za-z0-9_-]{27}$/)
  })
})

describe('agentMessageId', () => {
  it('is the same id for the same click (a retried send is a duplicate, not a second message)', () => {
    expect(agentMessageId('c1', 'u1', 'client-0001')).toBe(agentMessageId('c1', 'u1', 'client-0001'))
  })

  it('is prefixed msg_out_ and 27 URL-safe characters long after it', () => {
    expect(agentMessageId('c1', 'u1', 'client-0001')).toMatch(/^msg_out_[A-Za-z0-9_-]{27}$/)
  })

  it('differs when the conversation, the author or the client id differs', () => {
    const base = agentMessageId('c1', 'u1', 'client-0001')
    expect(agentMessageId('c2', 'u1', 'client-0001')).not.toBe(base)
    expect(agentMessageId('c1', 'u2', 'client-0001')).not.toBe(base)
    expect(agentMessageId('c1', 'u1', 'client-0002')).not.toBe(base)
  })

  it('does not confuse where one part ends and the next begins', () => {
    expect(agentMessageId('ab', 'c', 'client-0001')).not.toBe(agentMessageId('a', 'bc', 'client-0001'))
    expect(agentMessageId('c1', 'u1client', '-0001')).not.toBe(agentMessageId('c1', 'u1', 'client-0001'))
  })

  it('never equals an inbound id', () => {
    expect(agentMessageId('web', 'x', 'y')).not.toBe(inboundMessageId('web', 'x\ny'))
  })
})

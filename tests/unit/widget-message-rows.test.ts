import { describe, expect, it } from 'vitest'
import { MessageTimeline } from '../../ui-kit/message-timeline.js'
import { toRows } from '../../widget/src/frame/message-rows.js'
import { safeUrl } from '../../widget/src/frame/safe-url.js'
import { messageDto } from '../support/message-fixture.js'

const message = messageDto

const own = (seq: number, status: 'delivered' | 'read' | 'queued' = 'delivered') =>
  message({ seq, direction: 'inbound', sender: { type: 'contact' }, clientId: `client-${seq}xx`, status })

describe('rows of the transcript', () => {
  it('follows the visitor message through sending → sent → delivered → read', () => {
    const timeline = new MessageTimeline('c1')
    timeline.addPending({ clientId: 'client-1xx', body: 'hello', createdAt: '2025-01-01T08:00:00.000Z', state: 'sending' })
    expect(toRows(timeline.entries()).map((row) => row.state)).toEqual(['sending'])
    timeline.updatePending('client-1xx', { state: 'sent' })
    expect(toRows(timeline.entries()).map((row) => row.state)).toEqual(['sent'])
    timeline.upsert(own(1, 'queued'))
    expect(toRows(timeline.entries()).map((row) => row.state)).toEqual(['delivered'])
    timeline.upsert(own(1, 'read'))
    expect(toRows(timeline.entries()).map((row) => row.state)).toEqual(['read'])
  })

  it('keeps the clientId as key from optimistic copy to stored message', () => {
    const timeline = new MessageTimeline('c1')
    timeline.addPending({ clientId: 'client-1xx', body: 'hello', createdAt: '2025-01-01T08:00:00.000Z', state: 'sent' })
    const before = toRows(timeline.entries())[0]?.key
    timeline.upsert(own(1))
    expect(toRows(timeline.entries())[0]?.key).toBe(before)
  })

  it('shows failures with their clientId for Retry', () => {
    const timeline = new MessageTimeline(null)
    timeline.addPending({ clientId: 'client-9xx', body: 'x', createdAt: '2025-01-01T08:00:00.000Z', state: 'failed', error: 'rate_limited' })
    expect(toRows(timeline.entries())[0]).toMatchObject({ own: true, state: 'failed', clientId: 'client-9xx' })
  })

  it('gives agent messages no state and hides private notes', () => {
    const timeline = new MessageTimeline('c1')
    timeline.upsert(message({ seq: 1 }))
    timeline.upsert(message({ seq: 2, private: true, body: 'internal' }))
    const rows = toRows(timeline.entries())
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ own: false, state: null, key: 'm1' })
  })
})

describe('safeUrl', () => {
  it('keeps http(s) links and drops script URLs', () => {
    expect(safeUrl('/files/a.png', 'https://hub.example/widget/frame.html')).toBe('https://hub.example/files/a.png')
    expect(safeUrl('javascript:alert(1)', 'https://hub.example/')).toBeNull()
    expect(safeUrl('data:text/html,x', 'https://hub.example/')).toBeNull()
  })
})

import { describe, expect, it } from 'vitest'
import { requestQuery, twilioWebhookRoute, twilioWebhookUrl } from './twilio-webhook-urls.js'

describe('twilioWebhookUrl', () => {
  it('builds the public URL of a route, with an optional query', () => {
    expect(twilioWebhookUrl('https://h.example/', 'sms-main', 'status')).toBe('https://h.example/webhooks/twilio/sms-main/status')
    expect(twilioWebhookUrl('https://h.example', 'voice-main', 'voice', new URLSearchParams({ step: 'menu', path: '1*' }))).toBe(
      'https://h.example/webhooks/twilio/voice-main/voice?step=menu&path=1*',
    )
  })
})

describe('twilioWebhookRoute', () => {
  it.each([
    ['/webhooks/twilio/a/sms', 'sms'],
    ['/webhooks/twilio/a/status', 'status'],
    ['/webhooks/twilio/a/voice?step=menu', 'voice'],
    ['/webhooks/twilio/a/voice/', 'voice'],
    ['/webhooks/twilio/a/voice/status', 'voice/status'],
    ['/webhooks/twilio/a/voice/agent', 'voice/agent'],
    ['/webhooks/twilio/a/voice/recording?caller=%2B86', 'voice/recording'],
    ['https://h.example/webhooks/twilio/a/voice/transcription', 'voice/transcription'],
    ['/webhooks/twilio/a/other', undefined],
    ['/webhooks/twilio/a/voicemail', undefined],
  ])('%s → %s', (url, route) => {
    expect(twilioWebhookRoute(url)).toBe(route)
  })
})

describe('requestQuery', () => {
  it('reads the query of a path-only or absolute URL, ignoring a fragment', () => {
    expect(requestQuery('/voice?step=menu&menu=main#x').get('menu')).toBe('main')
    expect(requestQuery('https://h.example/voice?a=1').get('a')).toBe('1')
    expect([...requestQuery('/voice').keys()]).toEqual([])
  })
})

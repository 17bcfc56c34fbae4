import { describe, expect, it } from 'vitest'
import { mapCallStatusCallback, mapRecordingCallback, mapTranscriptionCallback } from './map-call-callbacks.js'

const ACCOUNT = `AC${'1'.repeat(32)}`
const RECORDING_URL = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Recordings/RE1`
const query = new URLSearchParams({ caller: '+8613800000000', lang: 'zh-CN', reason: 'closed' })

describe('mapCallStatusCallback', () => {
  const status = (CallStatus: string, extra: Record<string, string> = {}) => ({
    AccountSid: ACCOUNT,
    CallSid: 'CA1',
    CallStatus,
    From: '+8613800000000',
    To: '+8657112345000',
    Direction: 'inbound',
    CallDuration: '185',
    SequenceNumber: '3',
    ...extra,
  })

  it('maps the end of a call to an event with its duration, once per call', () => {
    expect(mapCallStatusCallback(status('completed'))).toEqual([
      {
        kind: 'message',
        externalId: 'CA1:ended',
        sender: { externalId: '+8613800000000', phone: '+8613800000000' },
        type: 'event',
        text: '[call] ended (completed, 185 s)',
        metadata: { event: 'call.ended', callSid: 'CA1', callStatus: 'completed', duration: '185', sequenceNumber: '3' },
      },
    ])
  })

  it.each(['busy', 'no-answer', 'failed', 'canceled'])('maps %s as an end too', (callStatus) => {
    expect(mapCallStatusCallback(status(callStatus))[0]).toMatchObject({ text: expect.stringContaining(callStatus) })
  })

  it('ignores progress statuses and the agents’ legs', () => {
    expect(mapCallStatusCallback(status('ringing'))).toEqual([])
    expect(mapCallStatusCallback(status('in-progress'))).toEqual([])
    expect(mapCallStatusCallback(status('completed', { Direction: 'outbound-dial' }))).toEqual([])
  })
})

describe('mapRecordingCallback', () => {
  const recording = (RecordingStatus: string) => ({
    AccountSid: ACCOUNT,
    CallSid: 'CA1',
    RecordingSid: 'RE1',
    RecordingUrl: RECORDING_URL,
    RecordingStatus,
    RecordingDuration: '42',
    RecordingSource: 'RecordVerb',
  })

  it('maps a finished voicemail to an audio message with a twilio-media: mp3 reference, from the caller in the URL', () => {
    expect(mapRecordingCallback(recording('completed'), query)).toEqual([
      {
        kind: 'message',
        externalId: 'RE1',
        sender: { externalId: '+8613800000000', phone: '+8613800000000', language: 'zh-CN' },
        type: 'audio',
        attachments: [{ url: `twilio-media:${RECORDING_URL}.mp3`, mimeType: 'audio/mpeg', name: 'voicemail-RE1.mp3' }],
        metadata: { event: 'voicemail', callSid: 'CA1', recordingSid: 'RE1', duration: '42', reason: 'closed' },
      },
    ])
  })

  it('ignores absent and failed recordings, and URLs that are not https', () => {
    expect(mapRecordingCallback(recording('absent'), query)).toEqual([])
    expect(mapRecordingCallback(recording('failed'), query)).toEqual([])
    expect(mapRecordingCallback({ ...recording('completed'), RecordingUrl: 'http://x.example/r' }, query)).toEqual([])
  })

  it('falls back to a per-call identity without a caller in the URL', () => {
    const [message] = mapRecordingCallback(recording('completed'), new URLSearchParams())
    expect(message?.kind === 'message' && message.sender).toEqual({ externalId: 'anonymous:CA1' })
  })
})

describe('mapTranscriptionCallback', () => {
  const transcription = (TranscriptionStatus: string, TranscriptionText = 'The street light on Renmin Road is broken.') => ({
    AccountSid: ACCOUNT,
    CallSid: 'CA1',
    RecordingSid: 'RE1',
    RecordingUrl: RECORDING_URL,
    TranscriptionSid: 'TR1',
    TranscriptionStatus,
    TranscriptionText,
  })

  it('maps a transcription to a text message next to the recording', () => {
    expect(mapTranscriptionCallback(transcription('completed'), query)).toEqual([
      {
        kind: 'message',
        externalId: 'TR1',
        sender: { externalId: '+8613800000000', phone: '+8613800000000', language: 'zh-CN' },
        type: 'text',
        text: 'The street light on Renmin Road is broken.',
        metadata: { event: 'voicemail.transcription', callSid: 'CA1', recordingSid: 'RE1', transcriptionSid: 'TR1' },
      },
    ])
  })

  it('ignores failed or empty transcriptions', () => {
    expect(mapTranscriptionCallback(transcription('failed'), query)).toEqual([])
    expect(mapTranscriptionCallback(transcription('completed', ' '), query)).toEqual([])
  })
})

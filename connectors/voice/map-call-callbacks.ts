/**
 * Call status, recording and transcription callbacks (channels.md C4) → events. Pure.
 * - A call's end (completed, busy, no-answer, failed, canceled) is an `event` message with its duration.
 * - A finished voicemail recording is an `audio` message whose attachment is a `twilio-media:`
 *   reference (the download job fetches the mp3 with the account's credentials).
 * - Its transcription is a `text` message next to it: the caller's words as text.
 * Recording and transcription callbacks carry no caller, so the Record verb put `caller` and
 * `lang` in their URLs (signed by Twilio like the rest of the URL).
 */
import type { InboundEvent } from '../spec.js'
import { integerParam, param, type TwilioParams } from '../twilio/twilio-form.js'
import { twilioMediaUrl } from '../twilio/twilio-media.js'
import { callerSender } from './caller-sender.js'
import { compact } from './map-ivr-events.js'

const ENDED = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled'])

export function mapCallStatusCallback(params: TwilioParams): InboundEvent[] {
  const callSid = param(params, 'CallSid')
  const status = param(params, 'CallStatus')?.toLowerCase()
  if (!callSid || !status || !ENDED.has(status)) return []
  // Agent legs (outbound-dial, client calls) are not the citizen's call.
  const direction = param(params, 'Direction')
  if (direction && direction !== 'inbound') return []
  const duration = integerParam(params, 'CallDuration')
  const from = param(params, 'From')
  const callerName = param(params, 'CallerName')
  return [
    {
      kind: 'message',
      externalId: `${callSid}:ended`,
      sender: callerSender({ callSid, ...(from ? { from } : {}), ...(callerName ? { callerName } : {}) }),
      type: 'event',
      text: `[call] ended (${status}${duration !== undefined ? `, ${duration} s` : ''})`,
      metadata: compact({
        event: 'call.ended',
        callSid,
        callStatus: status,
        duration: duration === undefined ? undefined : String(duration),
        sequenceNumber: param(params, 'SequenceNumber'),
      }),
    },
  ]
}

export function mapRecordingCallback(params: TwilioParams, query: URLSearchParams): InboundEvent[] {
  const callSid = param(params, 'CallSid')
  const recordingSid = param(params, 'RecordingSid')
  const recordingUrl = param(params, 'RecordingUrl')
  if (!callSid || !recordingSid || !recordingUrl || param(params, 'RecordingStatus')?.toLowerCase() !== 'completed') return []
  if (!/^https:\/\//i.test(recordingUrl)) return []
  const duration = integerParam(params, 'RecordingDuration')
  return [
    {
      kind: 'message',
      externalId: recordingSid,
      sender: senderFromQuery(callSid, query),
      type: 'audio',
      // Twilio serves a recording as WAV by default and as MP3 with the extension (smaller).
      attachments: [{ url: twilioMediaUrl(`${recordingUrl}.mp3`), mimeType: 'audio/mpeg', name: `voicemail-${recordingSid}.mp3` }],
      metadata: compact({
        event: 'voicemail',
        callSid,
        recordingSid,
        duration: duration === undefined ? undefined : String(duration),
        reason: query.get('reason') ?? undefined,
      }),
    },
  ]
}

export function mapTranscriptionCallback(params: TwilioParams, query: URLSearchParams): InboundEvent[] {
  const callSid = param(params, 'CallSid')
  const transcriptionSid = param(params, 'TranscriptionSid')
  const text = param(params, 'TranscriptionText')
  if (!callSid || !transcriptionSid || !text || param(params, 'TranscriptionStatus')?.toLowerCase() !== 'completed') return []
  return [
    {
      kind: 'message',
      externalId: transcriptionSid,
      sender: senderFromQuery(callSid, query),
      type: 'text',
      text,
      metadata: compact({ event: 'voicemail.transcription', callSid, recordingSid: param(params, 'RecordingSid'), transcriptionSid }),
    },
  ]
}

function senderFromQuery(callSid: string, query: URLSearchParams) {
  const caller = query.get('caller') ?? undefined
  const language = query.get('lang') ?? undefined
  return callerSender({ callSid, ...(caller ? { from: caller } : {}), ...(language ? { language } : {}) })
}

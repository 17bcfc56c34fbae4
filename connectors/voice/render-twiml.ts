/**
 * IVR instructions → TwiML, with the SDK's VoiceResponse (attribute names from channels.md C5).
 * Every URL is absolute and built from the public base, so the URL Twilio calls back is exactly
 * the one it signs. Each Gather is followed by a Redirect to its own action: with
 * actionOnEmptyResult Twilio already posts on silence, and the Redirect covers the case it does not.
 */
import twilio from 'twilio'
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js'
import type { PlainInstruction } from './ivr-plan.js'
import type { CallState } from './ivr-state.js'
import type { PromptPiece } from './prompts.js'

export interface TwimlUrls {
  /** The voice webhook URL carrying a call state. */
  step(state: CallState): string
  /** A recording or transcription callback URL with the given query. */
  callback(route: 'voice/recording' | 'voice/transcription', query: URLSearchParams): string
}

type Sayer = Pick<VoiceResponse, 'say' | 'play'> | Pick<VoiceResponse.Gather, 'say' | 'play'>

export function renderTwiml(instructions: readonly PlainInstruction[], urls: TwimlUrls): string {
  const response = new twilio.twiml.VoiceResponse()
  for (const instruction of instructions) {
    switch (instruction.kind) {
      case 'say':
        speak(response, instruction.pieces)
        break
      case 'gather': {
        const action = urls.step(instruction.next)
        const gather = response.gather({
          input: instruction.input === 'dtmf speech' ? ['dtmf', 'speech'] : ['dtmf'],
          action,
          method: 'POST',
          numDigits: instruction.numDigits,
          finishOnKey: instruction.finishOnKey,
          timeout: instruction.timeoutSeconds,
          actionOnEmptyResult: true,
          ...(instruction.speechLanguage ? { language: instruction.speechLanguage as VoiceResponse.GatherAttributes['language'], speechTimeout: 'auto' } : {}),
          ...(instruction.hints?.length ? { hints: instruction.hints.join(', ') } : {}),
        })
        speak(gather, instruction.pieces)
        response.redirect({ method: 'POST' }, action)
        break
      }
      case 'enqueue':
        response.enqueue(
          { action: urls.step(instruction.exit), method: 'POST', waitUrl: urls.step(instruction.wait), waitUrlMethod: 'POST' },
          instruction.twilioQueue,
        )
        break
      case 'record': {
        const query = new URLSearchParams({ lang: instruction.callback.lang, reason: instruction.callback.reason })
        if (instruction.callback.caller) query.set('caller', instruction.callback.caller)
        response.record({
          action: urls.step(instruction.done),
          method: 'POST',
          maxLength: instruction.maxLengthSeconds,
          playBeep: instruction.playBeep,
          finishOnKey: instruction.finishOnKey,
          timeout: instruction.timeoutSeconds,
          trim: 'trim-silence',
          recordingStatusCallback: urls.callback('voice/recording', query),
          recordingStatusCallbackMethod: 'POST',
          recordingStatusCallbackEvent: ['completed', 'absent'],
          transcribe: instruction.transcribe,
          ...(instruction.transcribe ? { transcribeCallback: urls.callback('voice/transcription', query) } : {}),
        })
        break
      }
      case 'play':
        response.play({}, instruction.url)
        break
      case 'pause':
        response.pause({ length: instruction.seconds })
        break
      case 'leave':
        response.leave()
        break
      case 'hangup':
        response.hangup()
        break
    }
  }
  return response.toString()
}

function speak(target: Sayer, pieces: readonly PromptPiece[]): void {
  for (const piece of pieces) {
    if (piece.kind === 'play') {
      target.play(piece.loop ? { loop: piece.loop } : {}, piece.url)
      continue
    }
    // Languages and voices are config strings; Twilio validates them, the SDK's unions only list today's.
    const attributes: VoiceResponse.SayAttributes = { language: piece.language as VoiceResponse.SayAttributes['language'] }
    if (piece.voice) attributes.voice = piece.voice as VoiceResponse.SayAttributes['voice']
    if (piece.loop) attributes.loop = piece.loop
    target.say(attributes, piece.text)
  }
}

import type { ConnectorDefinition } from '../spec.js'
import { voiceConfigSchema } from './voice-config.js'
import { createVoiceConnector } from './voice-connector.js'

export { type BusinessStatus, businessStatus, localTime } from './business-hours.js'
export { type CallParams, readCallParams } from './call-params.js'
export { callerSender, isWithheldNumber } from './caller-sender.js'
export { type CaseLookup, type IvrStepResult, runIvrStep } from './ivr-engine.js'
export { type Instruction, type IvrEvent, type IvrPlan, type IvrStepInput, type PlainInstruction, planIvrStep } from './ivr-plan.js'
export { AGENT_ID_PATTERN, type CallState, decodeCallState, encodeCallState, IVR_STEPS, type IvrStep, MAX_STEPS } from './ivr-state.js'
export { mapCallStatusCallback, mapRecordingCallback, mapTranscriptionCallback } from './map-call-callbacks.js'
export { mapIvrEvents } from './map-ivr-events.js'
export { renderTwiml, type TwimlUrls } from './render-twiml.js'
export {
  type BusinessHours,
  type CallQueueConfig,
  type IvrAction,
  type IvrMenu,
  type Prompt,
  type VoiceConfig,
  type VoiceConfigInput,
  voiceConfigSchema,
} from './voice-config.js'
export { voiceConfigProblems } from './voice-config-problems.js'
export { createVoiceConnector, createVoiceConnectorWith, isVoiceConnector, type VoiceConnector, type VoiceFactoryExtras } from './voice-connector.js'
export { DEFAULT_VOICE_LANGUAGES, DEFAULT_VOICE_PROMPTS } from './voice-defaults.js'

export const voiceConnector = {
  type: 'voice',
  configSchema: voiceConfigSchema,
  create: createVoiceConnector,
} satisfies ConnectorDefinition<typeof voiceConfigSchema>

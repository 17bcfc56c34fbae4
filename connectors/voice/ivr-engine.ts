/**
 * One IVR step end to end: plan (pure), resolve the case lookup if the step has one (the only
 * I/O, bounded by a timeout so Twilio's 15 s limit is never at risk), render TwiML.
 */
import type { CaseLookupCaller, ConnectorDependencies } from '../spec.js'
import { type Instruction, type IvrPlan, type IvrStepInput, type PlainInstruction, planIvrStep } from './ivr-plan.js'
import { type PromptPiece, renderPrompt } from './prompts.js'
import { renderTwiml, type TwimlUrls } from './render-twiml.js'

/**
 * Answers "check my case" with one sentence to say in the caller's language, or undefined when
 * no case has that number. Work orders plug in here.
 */
export type CaseLookup = NonNullable<ConnectorDependencies['caseLookup']>

export interface IvrStepResult {
  twiml: string
  plan: IvrPlan
  /** What the lookup did, when the step had one (for logs). */
  lookup?: 'answered' | 'not_found' | 'unavailable'
}

export async function runIvrStep(
  input: IvrStepInput & { urls: TwimlUrls; lookupCase: CaseLookup | undefined; lookupTimeoutMs: number; channelId?: string },
): Promise<IvrStepResult> {
  const plan = planIvrStep(input)
  let lookup: IvrStepResult['lookup']
  const instructions: PlainInstruction[] = []
  for (const instruction of plan.instructions) {
    if (instruction.kind !== 'caseLookup') {
      instructions.push(instruction)
      continue
    }
    const caller = input.params.from && input.channelId ? { channel: input.channelId, externalId: input.params.from } : undefined
    const answer = await askLookup(input.lookupCase, instruction, input.lookupTimeoutMs, caller)
    lookup = answer.outcome
    const pieces: PromptPiece[] =
      answer.outcome === 'answered'
        ? sayAnswer(answer.text, instruction.language, input)
        : renderPrompt(
            input.config.prompts[answer.outcome === 'not_found' ? 'caseLookupNotFound' : 'caseLookupUnavailable'],
            instruction.language,
            input.config,
          )
    instructions.push({ kind: 'say', pieces }, ...instruction.after)
  }
  return { twiml: renderTwiml(instructions, input.urls), plan, ...(lookup ? { lookup } : {}) }
}

async function askLookup(
  lookupCase: CaseLookup | undefined,
  instruction: Extract<Instruction, { kind: 'caseLookup' }>,
  timeoutMs: number,
  caller: CaseLookupCaller | undefined,
): Promise<{ outcome: 'answered'; text: string } | { outcome: 'not_found' | 'unavailable' }> {
  if (!lookupCase) return { outcome: 'unavailable' }
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs)
  })
  try {
    const answer = await Promise.race([lookupCase(instruction.caseNumber, instruction.language, caller), timeout])
    if (answer === 'timeout') return { outcome: 'unavailable' }
    const text = answer?.trim()
    return text ? { outcome: 'answered', text } : { outcome: 'not_found' }
  } catch {
    return { outcome: 'unavailable' }
  } finally {
    clearTimeout(timer)
  }
}

/** The lookup's sentence as is (no placeholder filling: it is data, not a template). */
function sayAnswer(text: string, language: string, input: IvrStepInput): PromptPiece[] {
  const settings = input.config.languages[language] ?? input.config.languages[input.config.defaultLanguage]
  return [{ kind: 'say', text, language: settings?.sayLanguage ?? language, ...(settings?.voice ? { voice: settings.voice } : {}) }]
}

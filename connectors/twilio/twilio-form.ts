/**
 * Twilio webhooks are `application/x-www-form-urlencoded`. Keys can repeat (the signature then
 * covers every value), so values are kept as arrays when they do; Twilio adds parameters without
 * notice, so every key is kept.
 */
export type TwilioParams = Readonly<Record<string, string | readonly string[]>>

export function parseTwilioForm(body: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {}
  for (const [key, value] of new URLSearchParams(body)) {
    const existing = params[key]
    if (existing === undefined) params[key] = value
    else if (Array.isArray(existing)) existing.push(value)
    else params[key] = [existing, value]
  }
  return params
}

/** The first value of a parameter, trimmed; undefined when absent or blank. */
export function param(params: TwilioParams, name: string): string | undefined {
  const value = params[name]
  const first = Array.isArray(value) ? value[0] : value
  const trimmed = typeof first === 'string' ? first.trim() : undefined
  return trimmed ? trimmed : undefined
}

/** A non-negative integer parameter (NumMedia, QueueTime…), undefined when absent or garbled. */
export function integerParam(params: TwilioParams, name: string): number | undefined {
  const text = param(params, name)
  if (!text || !/^\d{1,9}$/.test(text)) return undefined
  return Number(text)
}

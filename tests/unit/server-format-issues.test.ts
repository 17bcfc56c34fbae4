import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { formatIssues } from '../../server/config/format-issues.js'

const issuesOf = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input)
  if (result.success) throw new Error('expected the input to be invalid')
  return result.error.issues
}

describe('formatIssues', () => {
  it('writes one indented line per problem, with the dotted path that has it', () => {
    const schema = z.object({ port: z.number(), tls: z.object({ cert: z.string() }) })
    expect(formatIssues(issuesOf(schema, { port: 'x', tls: {} }))).toBe(
      ['  - port: Invalid input: expected number, received string', '  - tls.cert: Invalid input: expected string, received undefined'].join('\n'),
    )
  })

  it('writes array positions as path segments', () => {
    const schema = z.object({ channels: z.array(z.object({ id: z.string().min(1, 'id is empty') })) })
    expect(formatIssues(issuesOf(schema, { channels: [{ id: 'ok' }, { id: '' }] }))).toBe('  - channels.1.id: id is empty')
  })

  it('names a problem with the whole value (root)', () => {
    expect(formatIssues(issuesOf(z.object({}), null))).toBe('  - (root): Invalid input: expected object, received null')
  })

  it('keeps custom messages as written', () => {
    const issues = [{ code: 'custom', path: ['channels', 0, 'queue'], message: 'unknown queue "x" (declare it under queues)', input: undefined }] as const
    expect(formatIssues(issues as unknown as Parameters<typeof formatIssues>[0])).toBe('  - channels.0.queue: unknown queue "x" (declare it under queues)')
  })

  it('is empty for no problems', () => {
    expect(formatIssues([])).toBe('')
  })
})

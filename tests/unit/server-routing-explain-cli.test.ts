import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

/** The CLI as an operator runs it, over the repository's own channels.config.ts. */
function explain(...args: string[]): string {
  return execFileSync('npx', ['tsx', 'server/routing/explain-cli.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, SWITCHBOARD_CONFIG: '' },
    stdio: 'pipe',
  })
}

describe('npm run routing:explain', () => {
  it('shows each rule tried, why, and what the rules decide', () => {
    const output = explain('我家煤气漏气了，房东不管', '--channel', 'web')
    expect(output).toContain('1. life safety: MATCHED')
    expect(output).toContain('✓ text matches')
    expect(output).toContain('2. English speakers: no match')
    expect(output).toContain('✗ no language known')
    expect(output).toContain('Result: rules "life safety" + "housing" → queue housing; priority urgent; labels life-safety.')
  }, 30_000)

  it('says when nothing matched and where the conversation stays', () => {
    expect(explain('你好', '--channel', 'web')).toContain("Result: no rule matched; the conversation stays in the channel's queue (general).")
  }, 30_000)

  it('fails with a clear message for an unknown channel', () => {
    expect(() => execFileSync('npx', ['tsx', 'server/routing/explain-cli.ts', 'x', '--channel', 'nope'], { encoding: 'utf8', stdio: 'pipe' })).toThrow(
      /No channel "nope"/,
    )
  }, 30_000)
})

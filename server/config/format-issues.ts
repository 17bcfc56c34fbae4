import type { z } from 'zod'

/** One line per problem, with the path that has it, so an operator can fix them all in one go. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `  - ${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`).join('\n')
}

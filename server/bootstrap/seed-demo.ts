/**
 * Demo data for `npm start` on embedded defaults: two agents working every queue (Sam also
 * speaks English, the skill the example routing rules ask for), so the inbox has colleagues
 * to assign and transfer to. Runs once (idempotent).
 */
import { hashPassword } from '../auth/passwords.js'
import { newId } from '../models/new-id.js'
import { User, type UserDoc } from '../models/user.js'
import { isDuplicateKey } from '../pipeline/append-message.js'

export const DEMO_AGENT_PASSWORD = 'demo-agent-2026'

const demoAgents = [
  { email: 'li.na@demo.switchboard', name: '李娜', language: 'zh-CN', skills: [] },
  { email: 'sam.lee@demo.switchboard', name: 'Sam Lee', language: 'en', skills: ['english'] },
]

export async function seedDemo(options: { queues: string[]; now: Date }): Promise<{ email: string; password: string }[]> {
  const passwordHash = await hashPassword(DEMO_AGENT_PASSWORD)
  for (const agent of demoAgents) {
    if (await User.exists({ email: agent.email })) continue
    const user: UserDoc = {
      _id: newId('usr'),
      ...agent,
      role: 'agent',
      queues: options.queues,
      passwordHash,
      active: true,
      createdAt: options.now,
      updatedAt: options.now,
    }
    try {
      await User.collection.insertOne(user as never)
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
    }
  }
  return demoAgents.map((agent) => ({ email: agent.email, password: DEMO_AGENT_PASSWORD }))
}

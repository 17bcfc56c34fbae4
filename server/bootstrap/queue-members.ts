/**
 * Applies the queue membership declared in channels.config.ts (`queues[].members`, by sign-in
 * email) at boot: each listed user works that queue. Only adds: membership admins gave in the
 * inbox is never taken away by a restart.
 */
import type { HubConfig } from '../config/hub-config-schema.js'
import { User, type UserDoc } from '../models/user.js'

export async function applyQueueMembers(config: Pick<HubConfig, 'queues'>, log: (message: string) => void): Promise<void> {
  for (const queue of config.queues) {
    for (const email of queue.members) {
      const user = await User.findOne({ email: email.toLowerCase() }).limit(1).lean<UserDoc>()
      if (!user) {
        log(`channels.config.ts lists ${email} in queue ${queue.id}, but no user signs in with that email yet`)
        continue
      }
      if (!user.queues.includes(queue.id)) await User.updateOne({ _id: user._id }, { $set: { queues: [...user.queues, queue.id], updatedAt: new Date() } })
    }
  }
}

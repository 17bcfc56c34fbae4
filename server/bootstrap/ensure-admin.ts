/**
 * First boot: make sure an admin exists. ADMIN_EMAIL / ADMIN_PASSWORD choose the
 * credential; without a password one is generated and shown once. Setting
 * ADMIN_PASSWORD again later resets that admin's password (the recovery path).
 */
import { randomBytes } from 'node:crypto'
import { audit } from '../auth/audit.js'
import { hashPassword } from '../auth/passwords.js'
import { newId } from '../models/new-id.js'
import { User, type UserDoc } from '../models/user.js'
import { isDuplicateKey } from '../pipeline/append-message.js'

export interface AdminCredential {
  email: string
  /** Only when this boot created or reset the password. */
  password?: string
  created: boolean
}

export async function ensureAdmin(options: {
  email?: string | undefined
  password?: string | undefined
  queues: string[]
  now: Date
}): Promise<AdminCredential> {
  const email = (options.email ?? 'admin@switchboard.local').toLowerCase()
  const existing = await User.findOne({ email }).limit(1).lean<UserDoc>()
  if (existing) {
    if (options.password) {
      await User.updateOne({ _id: existing._id }, { $set: { passwordHash: await hashPassword(options.password), active: true, updatedAt: options.now } })
      await audit({ actor: { type: 'system' }, action: 'user.password_reset', target: { type: 'user', id: existing._id }, outcome: 'success' })
    }
    return { email, created: false }
  }
  const password = options.password ?? randomBytes(12).toString('base64url')
  const admin: UserDoc = {
    _id: newId('usr'),
    email,
    name: 'Administrator',
    role: 'admin',
    queues: options.queues,
    language: 'zh-CN',
    passwordHash: await hashPassword(password),
    active: true,
    createdAt: options.now,
    updatedAt: options.now,
  }
  try {
    await User.collection.insertOne(admin as never)
  } catch (error) {
    // Another process booting at the same moment created it first.
    if (isDuplicateKey(error)) return { email, created: false }
    throw error
  }
  await audit({ actor: { type: 'system' }, action: 'user.create', target: { type: 'user', id: admin._id }, details: { role: 'admin' }, outcome: 'success' })
  return { email, password: options.password ? undefined : password, created: true } as AdminCredential
}

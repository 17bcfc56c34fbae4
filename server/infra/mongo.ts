import mongoose from 'mongoose'
import { AuditEvent } from '../models/audit-event.js'
import { CannedResponse } from '../models/canned-response.js'
import { Contact, ContactIdentityModel } from '../models/contact.js'
import { ContactMerge } from '../models/contact-merge.js'
import { ActiveConversation, Conversation } from '../models/conversation.js'
import { MediaChunk, MediaFile } from '../models/media.js'
import { Message } from '../models/message.js'
import { MessageRef } from '../models/message-ref.js'
import { QueueSetting } from '../models/queue-setting.js'
import { User } from '../models/user.js'

// Every model, so each collection's declared indexes exist before the hub serves.
const models = [
  Contact,
  ContactIdentityModel,
  Conversation,
  ActiveConversation,
  Message,
  MessageRef,
  MediaFile,
  MediaChunk,
  User,
  AuditEvent,
  CannedResponse,
  ContactMerge,
  QueueSetting,
]

/**
 * Connects mongoose and builds the indexes declared with the schemas.
 * autoIndex is off so indexes are built once here, not lazily on first use.
 */
export async function connectMongo(uri: string, dbName = 'switchboard', options: { monitorCommands?: boolean } = {}): Promise<typeof mongoose> {
  mongoose.set('strictQuery', true)
  // monitorCommands: benchmarks count the database round trips of a request.
  await mongoose.connect(uri, { dbName, autoIndex: false, serverSelectionTimeoutMS: 10_000, ...(options.monitorCommands ? { monitorCommands: true } : {}) })
  for (const model of models) await model.createIndexes()
  return mongoose
}

export async function disconnectMongo(): Promise<void> {
  await mongoose.disconnect()
}

export async function pingMongo(): Promise<boolean> {
  const db = mongoose.connection.db
  if (!db) return false
  await db.admin().command({ ping: 1 })
  return true
}

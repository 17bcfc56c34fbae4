/**
 * Readable case numbers, 2026-000123: the year in the hub's zone and a counter per year kept in
 * the database (an $inc under a Redis lock, so two agents filing at once never share a number,
 * and a restart never reuses one).
 */
import type { Redis } from 'ioredis'
import mongoose from 'mongoose'
import { withRedisLock } from '../infra/redis-lock.js'

interface CounterDoc {
  _id: string
  seq: number
}

export function yearIn(timezone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric' }).format(at)
}

export async function nextCaseNumber(redis: Redis, timezone: string, prefix: string, at: Date): Promise<string> {
  const year = yearIn(timezone, at)
  const counters = mongoose.connection.collection<CounterDoc>('counters')
  // Under a lock: FerretDB 1.x applies $inc as read-modify-write, so two filings at once could read the same value.
  const counter = await withRedisLock(redis, `sb:lock:counter:work-order:${year}`, () =>
    counters.findOneAndUpdate({ _id: `work-order:${year}` }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }),
  )
  if (!counter) throw new Error('the case-number counter did not answer')
  return `${prefix}${year}-${String(counter.seq).padStart(6, '0')}`
}

/** 2026-000123, BJ2026-000123, or 2026-123 typed by a citizen → the stored form; null when it is not one. */
export function normalizeCaseNumber(text: string, prefix = ''): string | null {
  const match = text
    .trim()
    .toUpperCase()
    .match(/^([A-Z]{0,6})(\d{4})\s*[-－—_ ]?\s*(\d{1,9})$/)
  if (!match) return null
  const [, letters, year, serial] = match as unknown as [string, string, string, string]
  if (letters && letters !== prefix) return null
  return `${prefix}${year}-${serial.padStart(6, '0')}`
}

/** Finds a case number inside a sentence ("查询 2026-000123", "status of 2026-123 please"). */
export const CASE_NUMBER_IN_TEXT = /(?<![\dA-Z])([A-Z]{0,6}\d{4}\s*[-－—_]\s*\d{1,9})(?!\d)/i

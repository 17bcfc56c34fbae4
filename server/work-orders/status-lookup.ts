/**
 * "Where is my case?" on any channel. The number alone tells the state; the details (department,
 * deadline, outcome) only when the asker shows they filed it: from the same channel identity or
 * contact, or with the last four digits of the phone number they gave.
 */
import { timingSafeEqual } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { CaseLookupCaller } from '../../connectors/spec.js'
import type { HubConfig } from '../config/hub-config-schema.js'
import { type ContactIdentityDoc, ContactIdentityModel, identityKey } from '../models/contact.js'
import { WorkOrder, type WorkOrderDoc } from '../models/work-order.js'
import { normalizeCaseNumber } from './case-number.js'
import { statusText } from './citizen-texts.js'

export interface Asker extends CaseLookupCaller {
  contactId?: string | null
}

export type Lookup = { found: false } | { found: true; verified: boolean; order: WorkOrderDoc }

/** Wrong last-four-digit checks allowed per case and day: 10,000 combinations must not be tried from fresh sessions. */
export const CHECK_ATTEMPTS_PER_DAY = 5

export async function lookupCase(
  context: { config: Pick<HubConfig, 'workOrders'>; redis: Redis },
  typed: string,
  asker: Asker | null,
  check?: string | null,
): Promise<Lookup> {
  const number = normalizeCaseNumber(typed, context.config.workOrders.numberPrefix)
  if (!number) return { found: false }
  const order = await WorkOrder.findOne({ number }).limit(1).lean<WorkOrderDoc>()
  if (!order) return { found: false }
  if (await filedBy(order, asker)) return { found: true, verified: true, order }
  return { found: true, verified: check ? await checkDigits(context.redis, order, check) : false, order }
}

/** The phone's last four digits, unless this case has had too many wrong guesses today (then every guess fails). */
async function checkDigits(redis: Redis, order: WorkOrderDoc, check: string): Promise<boolean> {
  const key = `sb:wo:check-failures:${order._id}`
  const failures = Number((await redis.get(key)) ?? 0)
  if (failures >= CHECK_ATTEMPTS_PER_DAY) return false
  if (phoneEndsWith(order.citizen.phone, check)) return true
  await redis
    .multi()
    .incr(key)
    .expire(key, 24 * 3600, 'NX')
    .exec()
  return false
}

async function filedBy(order: WorkOrderDoc, asker: Asker | null): Promise<boolean> {
  if (!asker) return false
  if (order.citizen.channel === asker.channel && order.citizen.externalId === asker.externalId) return true
  if (!order.citizen.contactId) return false
  if (asker.contactId) return asker.contactId === order.citizen.contactId
  // The IVR knows only the caller's number: it is the contact's if that identity is theirs.
  const identity = await ContactIdentityModel.findById(identityKey(asker.channel, asker.externalId)).lean<ContactIdentityDoc>()
  return identity?.contactId === order.citizen.contactId
}

function phoneEndsWith(phone: string | undefined, check: string | null | undefined): boolean {
  const digits = phone?.replace(/\D/g, '') ?? ''
  if (!check || !/^\d{4}$/.test(check) || digits.length < 4) return false
  return timingSafeEqual(Buffer.from(digits.slice(-4)), Buffer.from(check))
}

/**
 * The IVR's lookup (ConnectorDependencies.caseLookup): one sentence, or undefined for an unknown number.
 * A caller cannot type the phone's last digits, but calls from a number: the case's own phone
 * number is the check (a case filed by SMS or by an agent, looked up by phone).
 */
export function caseLookupFor(config: Pick<HubConfig, 'hub' | 'workOrders'>, redis: Redis) {
  return async (caseNumber: string, language: string, caller?: CaseLookupCaller): Promise<string | undefined> => {
    const found = await lookupCase({ config, redis }, caseNumber, caller ?? null)
    if (!found.found) return undefined
    return statusText(config, found.order, language, found.verified || samePhoneNumber(found.order.citizen.phone, caller?.externalId))
  }
}

/** +86 139 1234 5678, 13912345678 and 008613912345678 are one number: the digits without trunk or international zeros, one ending the other. */
function samePhoneNumber(a: string | undefined, b: string | undefined): boolean {
  const digits = (phone: string | undefined) => phone?.replace(/\D/g, '').replace(/^0+/, '') ?? ''
  const [shorter, longer] = [digits(a), digits(b)].sort((x, y) => x.length - y.length) as [string, string]
  return shorter.length >= 7 && longer.length - shorter.length <= 3 && longer.endsWith(shorter)
}

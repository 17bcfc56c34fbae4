/**
 * Who is asking about work orders: a signed-in user (hotline staff, or department staff scoped
 * to their department), or a department's OA system with its integration API key
 * (`Authorization: Bearer <key>`, the key from the env var named by departments[].apiKeyEnv).
 */
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { ALL_ROLES, hasRole } from '../auth/access.js'
import { type ApiKeys, readApiKeys } from '../auth/api-keys.js'
import { SESSION_COOKIE } from '../auth/sessions.js'
import type { HubContext } from '../hub-context.js'
import { type Actor, caseDepartments, type WorkOrderDoc } from '../models/work-order.js'
import type { Viewer } from '../work-orders/present-work-order.js'
import type { WorkOrdersConfig } from '../work-orders/work-order-config.js'
import { forbidden, unauthorized } from './api-error.js'
import type { AppEnv } from './app-env.js'
import { sessionTokenOf, userFromToken } from './require-user.js'

export interface WorkOrderCaller {
  viewer: Viewer
  actor: Actor
  /** The signed-in user, when it is one (not an API key). */
  userId: string | null
}

type KeyEntry = { keys: ApiKeys; department: string; name: string }

/** Departments' API keys, read once at start and compared in constant time. */
export function departmentKeys(config: WorkOrdersConfig, environment: NodeJS.ProcessEnv = process.env): KeyEntry[] {
  return config.departments.flatMap((department) =>
    department.apiKeyEnv ? [{ keys: readApiKeys(environment, department.apiKeyEnv), department: department.id, name: department.name['zh-CN'] }] : [],
  )
}

export function requireWorkOrderCaller(
  context: Pick<HubContext, 'redis' | 'env' | 'config'>,
): MiddlewareHandler<AppEnv & { Variables: { caller: WorkOrderCaller } }> {
  const keys = departmentKeys(context.config.workOrders)
  return async (c, next) => {
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1]
    const keyed = bearer ? keys.find((entry) => entry.keys.match(bearer) !== null) : undefined
    if (keyed) {
      c.set('caller', {
        viewer: { role: 'api', department: keyed.department },
        actor: { type: 'api', id: `api:${keyed.department}`, name: keyed.name, department: keyed.department },
        userId: null,
      })
      return next()
    }
    const token = sessionTokenOf({ authorization: c.req.header('authorization') }, getCookie(c, SESSION_COOKIE))
    const user = await userFromToken(context, token)
    if (!user || !token) throw unauthorized()
    if (!hasRole(user, ALL_ROLES)) throw forbidden()
    if (user.role === 'department' && !user.department) throw forbidden('Your account has no department; ask an admin to set it')
    c.set('user', user)
    c.set('sessionToken', token)
    c.set('caller', {
      viewer: { role: user.role, department: user.department ?? null },
      actor: { type: 'user', id: user._id, name: user.name, ...(user.department ? { department: user.department } : {}) },
      userId: user._id,
    })
    return next()
  }
}

export function callerOf(c: Context): WorkOrderCaller {
  return c.get('caller') as WorkOrderCaller
}

export function isHotline(caller: WorkOrderCaller): boolean {
  return caller.viewer.role !== 'department' && caller.viewer.role !== 'api'
}

/** Hotline staff see every case; a department the cases it leads or co-handles. */
export function mayViewWorkOrder(caller: WorkOrderCaller, order: Pick<WorkOrderDoc, 'leadDepartment' | 'coDepartments'>): boolean {
  if (isHotline(caller)) return true
  const department = caller.viewer.department
  return Boolean(department) && caseDepartments(order).includes(department as string)
}

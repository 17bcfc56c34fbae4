/**
 * Open311 GeoReport v2 over the work orders: /open311/discovery.{xml,json} and, under
 * /open311/v2/, services, service definitions, POST and GET requests, one request, and tokens.
 * The format is the URL's suffix; errors are always a list of {code, description} in it
 * (JSON when the suffix is unknown).
 *
 * POST answers the case number as service_request_id at once (every service is "realtime"), so
 * no token is ever handed out; tokens/{id} still answers, mapping a case number to itself, for
 * clients that always ask.
 *
 * Two de-facto extensions (GeoReport v2 Extensions.md): `page`/`page_size` on GET requests
 * (paging.ts) and `extensions=true` on GET requests and GET request (extensions.ts).
 */
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { readApiKeys } from '../auth/api-keys.js'
import { clientIp } from '../http/client-ip.js'
import type { HubContext } from '../hub-context.js'
import { takeFromBudget } from '../infra/redis-rate-limit.js'
import { WorkOrder } from '../models/work-order.js'
import { createWorkOrder, WorkOrderError } from '../work-orders/work-order-service.js'
import { discoveryOf } from './discovery.js'
import { EXTENDED_FIELDS, type ExtendedWorkOrder, extensionsOf, parseExtensions } from './extensions.js'
import { localize } from './localize.js'
import { PUBLISHED_FIELDS, type RequestMapping, requestOf } from './map-request.js'
import { attributeDefinitions, serviceDefinitionOf, serviceOf } from './map-service.js'
import { Open311Error } from './open311-error.js'
import { type PageWindow, parsePaging, REQUESTS_ORDER } from './paging.js'
import { parseServiceRequest } from './parse-service-request.js'
import { requestsFilter, visibleFilter } from './requests-filter.js'
import { MAX_REQUESTS, parseRequestsQuery } from './requests-query.js'
import { CONTENT_TYPES, type Open311Format, splitFormat } from './response-format.js'
import { renderJson, renderXml, type SparkValue } from './spark-document.js'
import { formatW3cDateTime } from './w3c-datetime.js'

const MAX_BODY_BYTES = 64 * 1024

/** The format named by the last path segment's suffix. */
function formatOfPath(path: string): Open311Format | null {
  return splitFormat(path.slice(path.lastIndexOf('/') + 1)).format
}

function send(c: Context, format: Open311Format, root: string, value: SparkValue, status: 200 | Open311Error['status'] = 200): Response {
  const headers: Record<string, string> = { 'content-type': CONTENT_TYPES[format] }
  // Reading is public and carries no credentials: civic web apps may call it from the browser.
  if (c.req.method === 'GET') headers['access-control-allow-origin'] = '*'
  if (status === 429) headers['retry-after'] = '60'
  return c.body(format === 'xml' ? renderXml(root, value) : renderJson(value), status, headers)
}

function sendError(c: Context, error: Open311Error): Response {
  return send(c, formatOfPath(c.req.path) ?? 'json', 'errors', error.errors as unknown as SparkValue, error.status)
}

/** The resource name and format of the last path segment; an unknown format is a 404 in JSON. */
function fileOf(c: Context): { name: string; format: Open311Format } {
  const { name, format } = splitFormat(c.req.param('file') ?? '')
  if (!format) throw new Open311Error(404, 'Unknown format: add .xml or .json to the URL')
  return { name, format }
}

export function open311Routes(context: HubContext, options: { environment?: Readonly<Record<string, string | undefined>> } = {}): Hono {
  const app = new Hono()
  const config = context.config.open311
  if (!config.enabled) return app

  const { workOrders, hub } = context.config
  const language = config.language
  const apiKeys = readApiKeys(options.environment ?? process.env, config.apiKeysEnv)
  if (apiKeys.count === 0) context.log.info('open311: no API keys are set, so civic apps can read but not file requests', { env: config.apiKeysEnv })
  const changeset = config.changeset ?? formatW3cDateTime(context.now(), hub.timezone)
  const publicCategories = workOrders.categories.filter((category) => category.public)
  const visibility = { publicCodes: publicCategories.map((category) => category.code), publish: config.publish }
  const mapping: RequestMapping = {
    categories: new Map(workOrders.categories.map((category) => [category.code, category])),
    departments: workOrders.departments,
    language,
    timeZone: hub.timezone,
    serviceNotice: config.serviceNotice,
  }

  /** A jurisdiction_id other than ours does not exist here; none at all is fine (one jurisdiction per hub). */
  const checkJurisdiction = (given: string | null | undefined) => {
    const jurisdiction = given?.trim()
    if (config.jurisdictionId && jurisdiction && jurisdiction !== config.jurisdictionId) {
      throw new Open311Error(404, `jurisdiction_id "${jurisdiction}" not found`)
    }
  }
  const serviceOrNotFound = (code: string) => {
    const category = publicCategories.find((candidate) => candidate.code === code)
    if (!category) throw new Open311Error(404, `service_code "${code}" not found`)
    return category
  }
  const firstPage: PageWindow = { skip: 0, limit: MAX_REQUESTS }
  const findRequests = (filter: Record<string, unknown>, window = firstPage, extended = false) =>
    WorkOrder.find(filter, extended ? EXTENDED_FIELDS : PUBLISHED_FIELDS)
      .sort(REQUESTS_ORDER)
      .skip(window.skip)
      .limit(window.limit)
      .lean<ExtendedWorkOrder[]>()
  /** The request objects; with extensions, each with its extended attributes and public notes. */
  const requestsOf = async (orders: readonly ExtendedWorkOrder[], extensions: boolean): Promise<SparkValue[]> => {
    if (!extensions) return orders.map((order) => requestOf(order, mapping))
    const masterIds = [...new Set(orders.flatMap((order) => (order.status === 'merged' && order.masterId ? [order.masterId] : [])))]
    // A master case is named only when it is published too.
    const masters =
      masterIds.length > 0
        ? await WorkOrder.find({ ...visibleFilter(visibility), _id: { $in: masterIds } }, { number: 1 })
            .limit(masterIds.length)
            .lean<{ _id: string; number: string }[]>()
        : []
    const numbers = new Map(masters.map((master) => [master._id, master.number]))
    return orders.map((order) => ({ ...requestOf(order, mapping), ...extensionsOf(order, mapping, numbers.get(order.masterId ?? '') ?? null) }))
  }
  const extensionsArgument = (c: Context) => {
    const parsed = parseExtensions(c.req.query('extensions'))
    if (!parsed.ok) throw new Open311Error(400, parsed.problems)
    return parsed.extensions
  }

  app.onError((error, c) => {
    if (error instanceof Open311Error) return sendError(c, error)
    context.log.error('open311 request failed', { path: c.req.path, error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
    // The spec's "general service error" is a 400.
    return sendError(c, new Open311Error(400, 'The request could not be processed; try again later'))
  })

  app.get('/open311/:file', (c) => {
    const { name, format } = fileOf(c)
    if (name !== 'discovery') throw new Open311Error(404, `No ${name} here: see discovery.${format}`)
    const base = (context.env.PUBLIC_URL ?? new URL(c.req.url).origin).replace(/\/+$/, '')
    const contact = config.contact ?? localize(hub.name, language) ?? 'Citizen service hotline'
    return send(
      c,
      format,
      'discovery',
      discoveryOf({ changeset, contact, keyService: config.keyService, endpointUrl: `${base}/open311/v2`, type: config.type }),
    )
  })

  app.get('/open311/v2/:file', async (c) => {
    const { name, format } = fileOf(c)
    checkJurisdiction(c.req.query('jurisdiction_id'))
    if (name === 'services')
      return send(
        c,
        format,
        'services',
        publicCategories.map((category) => serviceOf(category, workOrders, language)),
      )
    if (name !== 'requests') throw new Open311Error(404, `No ${name} resource: services or requests`)
    const argument = (key: string) => c.req.query(key)
    const parsed = parseRequestsQuery(argument, context.now())
    // service_request_id overrides every other argument, paging too; extensions shape the answer.
    const paging = parsed.ok && parsed.query.ids ? ({ ok: true, window: firstPage } as const) : parsePaging(argument)
    const extensions = parseExtensions(argument('extensions'))
    const problems = [parsed, paging, extensions].flatMap((result) => (result.ok ? [] : result.problems))
    if (!parsed.ok || !paging.ok || !extensions.ok) throw new Open311Error(400, problems)
    const orders = await findRequests(requestsFilter(parsed.query, visibility), paging.window, extensions.extensions)
    return send(c, format, 'service_requests', await requestsOf(orders, extensions.extensions))
  })

  app.post(
    '/open311/v2/:file',
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => sendError(c, new Open311Error(413, `The body is at most ${MAX_BODY_BYTES / 1024} KB`)) }),
    async (c) => {
      const { name, format } = fileOf(c)
      if (name !== 'requests') throw new Open311Error(404, `No ${name} resource to POST to: requests`)
      if (!(await takeFromBudget(context.redis, `open311-post:${clientIp(c)}`, config.postsPerMinute, 60)))
        throw new Open311Error(429, 'Too many requests from this address; try again in a minute')
      const contentType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase()
      if (contentType !== 'application/x-www-form-urlencoded') throw new Open311Error(400, 'POST requests are application/x-www-form-urlencoded')
      const form = new URLSearchParams(await c.req.text())
      // Nothing is looked up or stored before the key is known good.
      const keyNumber = apiKeys.match(form.get('api_key') || c.req.query('api_key'))
      if (keyNumber === null) throw new Open311Error(403, "Invalid api_key received -- can't proceed with create_request.")
      checkJurisdiction(form.get('jurisdiction_id'))
      const code = form.get('service_code')?.trim()
      if (!code) throw new Open311Error(400, 'service_code is required')
      const category = serviceOrNotFound(code)
      const serviceName = localize(category.name, language) ?? category.code
      const parsed = parseServiceRequest(form, category, attributeDefinitions(category, language), serviceName)
      if (!parsed.ok) throw new Open311Error(400, parsed.problems)
      try {
        const order = await createWorkOrder(context, parsed.draft, { type: 'api', id: `open311-key-${keyNumber}`, name: 'Open311' })
        const { service_notice } = requestOf(order, mapping)
        return send(c, format, 'service_requests', [{ service_request_id: order.number, service_notice: service_notice ?? null, account_id: parsed.accountId }])
      } catch (error) {
        if (error instanceof WorkOrderError) throw new Open311Error(error.status === 404 ? 404 : 400, error.message)
        throw error
      }
    },
  )

  app.get('/open311/v2/services/:file', (c) => {
    const { name, format } = fileOf(c)
    checkJurisdiction(c.req.query('jurisdiction_id'))
    return send(c, format, 'service_definition', serviceDefinitionOf(serviceOrNotFound(name), language))
  })

  app.get('/open311/v2/requests/:file', async (c) => {
    const { name, format } = fileOf(c)
    checkJurisdiction(c.req.query('jurisdiction_id'))
    const extensions = extensionsArgument(c)
    const [order] = await findRequests({ ...visibleFilter(visibility), number: name }, firstPage, extensions)
    if (!order) throw new Open311Error(404, `service_request_id "${name}" not found`)
    return send(c, format, 'service_requests', await requestsOf([order], extensions))
  })

  app.get('/open311/v2/tokens/:file', async (c) => {
    const { name, format } = fileOf(c)
    checkJurisdiction(c.req.query('jurisdiction_id'))
    const [order] = await findRequests({ ...visibleFilter(visibility), number: name })
    if (!order) throw new Open311Error(404, `token "${name}" not found`)
    return send(c, format, 'service_requests', [{ service_request_id: order.number, token: name }])
  })

  app.all('/open311/*', () => {
    throw new Open311Error(404, 'No such Open311 resource or method: see /open311/discovery.json')
  })
  return app
}

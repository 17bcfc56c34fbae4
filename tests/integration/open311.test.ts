/**
 * Open311 GeoReport v2 over the work orders, on a real hub and database: every method in XML
 * and JSON, checked field by field against the spec (open311.org GeoReport_v2, Service
 * Discovery), plus the errors a client gets.
 */
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Actor, WorkOrder } from '../../server/models/work-order.js'
import { parseW3cDateTime } from '../../server/open311/w3c-datetime.js'
import type { ActionInput, Party, WorkOrderAction } from '../../server/work-orders/lifecycle.js'
import { actOnWorkOrder, createWorkOrder } from '../../server/work-orders/work-order-service.js'
import { eventually } from '../support/eventually.js'
import { startTestHub, type TestHub, testConfig } from '../support/test-hub.js'

const KEY = 'open311-test-key-0123456789'
const KEYS_ENV = 'OPEN311_TEST_KEYS'
const JURISDICTION = 'city.test'
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
]

const xmlParser = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format', 'note'].includes(name),
})

let hub: TestHub
let previousKeys: string | undefined

beforeAll(async () => {
  previousKeys = process.env[KEYS_ENV]
  process.env[KEYS_ENV] = `another-key-abcdefghij,${KEY}`
  hub = await startTestHub({
    config: {
      ...testConfig,
      hub: { name: { 'zh-CN': '测试热线', en: 'Test Hotline' }, timezone: 'Asia/Shanghai' },
      workOrders: {
        departments: [
          { id: 'roads', name: { 'zh-CN': '市政局', en: 'Roads Bureau' } },
          { id: 'env', name: { 'zh-CN': '生态环境局', en: 'Environment Bureau' } },
        ],
        categories: [
          {
            code: '0301',
            name: { 'zh-CN': '道路坑洼', en: 'Pothole' },
            description: { 'zh-CN': '路面坑洼、塌陷', en: 'A hole or a sunken patch in the road' },
            keywords: ['road', 'hole'],
            fields: [
              { key: 'lane', label: { 'zh-CN': '车道', en: 'Which lane' }, type: 'select', options: ['left', 'right'], required: true },
              { key: 'depth', label: { 'zh-CN': '深度（厘米）', en: 'Depth (cm)' }, type: 'number' },
              { key: 'blocking', label: { 'zh-CN': '是否阻断交通', en: 'Blocking traffic' }, type: 'boolean' },
            ],
          },
          { code: '05.02', name: { 'zh-CN': '夜间施工噪音', en: 'Night construction noise' }, urgency: 'utilities' },
          { code: '99', name: { 'zh-CN': '内部', en: 'Internal' }, public: false },
        ],
        catalogue: [
          { category: '0301', lead: 'roads' },
          { category: '05.02', lead: 'env' },
        ],
      },
      open311: {
        jurisdictionId: JURISDICTION,
        apiKeysEnv: KEYS_ENV,
        contact: 'open311@city.test',
        keyService: 'Write to open311@city.test',
        postsPerMinute: 200,
      },
    },
  })
})
afterAll(async () => {
  await hub?.stop()
  if (previousKeys === undefined) delete process.env[KEYS_ENV]
  else process.env[KEYS_ENV] = previousKeys
})

interface Fetched {
  status: number
  contentType: string | null
  text: string
}

async function get(path: string): Promise<Fetched> {
  const response = await fetch(`${hub.url}${path}`)
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() }
}

async function post(path: string, form: Record<string, string | string[]>): Promise<Fetched> {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(form)) for (const item of [value].flat()) body.append(key, item)
  const response = await fetch(`${hub.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body })
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() }
}

function json<T>(fetched: Fetched, status = 200): T {
  expect(fetched.status, fetched.text).toBe(status)
  expect(fetched.contentType).toBe('application/json; charset=utf-8')
  return JSON.parse(fetched.text) as T
}

function xml<T>(fetched: Fetched, status = 200): T {
  expect(fetched.status, fetched.text).toBe(status)
  expect(fetched.contentType).toBe('text/xml; charset=utf-8')
  expect(fetched.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true)
  return xmlParser.parse(fetched.text) as T
}

/** The spec's error body in both formats: a list of {code, description}. */
function expectErrors(fetched: Fetched, format: 'json' | 'xml', status: number, description?: RegExp): void {
  const errors =
    format === 'json'
      ? json<{ code: number; description: string }[]>(fetched, status)
      : xml<{ errors: { error: { code: string; description: string }[] } }>(fetched, status).errors.error.map((error) => ({
          ...error,
          code: Number(error.code),
        }))
  expect(errors.length).toBeGreaterThan(0)
  for (const error of errors) {
    expect(Object.keys(error).sort()).toEqual(['code', 'description'])
    expect(error.code).toBe(status)
    expect(error.description.length).toBeGreaterThan(0)
  }
  if (description) expect(errors.map((error) => error.description).join('\n')).toMatch(description)
}

type JsonRequest = Record<string, string | number | null>

/** Every request object: exactly the spec's fields, ids and codes as strings, every datetime with a zone. */
function expectRequestShape(request: JsonRequest): void {
  expect(Object.keys(request)).toEqual(REQUEST_FIELDS)
  expect(typeof request.service_request_id).toBe('string')
  expect(typeof request.service_code).toBe('string')
  expect(['open', 'closed']).toContain(request.status)
  expect(request.requested_datetime).toMatch(DATETIME)
  expect(request.updated_datetime).toMatch(DATETIME)
  if (request.expected_datetime !== null) expect(request.expected_datetime).toMatch(DATETIME)
  for (const field of ['requested_datetime', 'updated_datetime'] as const) {
    expect(parseW3cDateTime(String(request[field]))?.toISOString().slice(0, 19)).toBe(new Date(String(request[field])).toISOString().slice(0, 19))
  }
}

/**
 * The case's id once the jobs that follow each change are done with it: the test changes cases
 * behind the hub's back only then (a job's write racing ours could undo one on FerretDB).
 */
function settled(number: string): Promise<string> {
  return eventually(
    () => WorkOrder.findOne({ number }).lean<{ _id: string; effectsPending?: string[] }>(),
    (order) => order !== null && (order.effectsPending ?? []).length === 0,
  ).then((order) => order?._id ?? '')
}

/** Files a request through Open311 and returns its case number. */
async function file(form: Record<string, string>): Promise<string> {
  const [created] = json<{ service_request_id: string }[]>(await post('/open311/v2/requests.json', form))
  return created?.service_request_id ?? ''
}

const potholeForm = {
  api_key: KEY,
  jurisdiction_id: JURISDICTION,
  service_code: '0301',
  lat: '31.2304',
  long: '121.4737',
  address_string: '1 Renmin Road, Huangpu',
  email: 'li.lei@example.com',
  first_name: 'Lei',
  last_name: 'Li',
  phone: '+86 138 0000 0000',
  account_id: 'acct-42',
  description: 'A deep hole in the left lane\nnear the bus stop',
  media_url: 'https://photos.example/hole.jpg',
  'attribute[lane]': 'left',
  'attribute[depth]': '12',
  'attribute[blocking]': 'true',
}

describe('Service Discovery', () => {
  it('lists the v2 endpoint with both formats and every required field, in JSON and XML', async () => {
    const discovery = json<Record<string, unknown>>(await get('/open311/discovery.json'))
    expect(Object.keys(discovery)).toEqual(['changeset', 'contact', 'key_service', 'endpoints'])
    expect(discovery).toMatchObject({ contact: 'open311@city.test', key_service: 'Write to open311@city.test' })
    const changeset = parseW3cDateTime(String(discovery.changeset))
    expect(changeset && changeset.getTime() <= Date.now()).toBe(true)
    expect(discovery.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${hub.url}/open311/v2`,
        changeset: discovery.changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ])

    const fromXml = xml<{ discovery: Record<string, unknown> }>(await get('/open311/discovery.xml')).discovery
    expect(fromXml).toEqual({
      changeset: discovery.changeset,
      contact: 'open311@city.test',
      key_service: 'Write to open311@city.test',
      endpoints: {
        endpoint: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: `${hub.url}/open311/v2`,
            changeset: discovery.changeset,
            type: 'production',
            formats: { format: ['text/xml', 'application/json'] },
          },
        ],
      },
    })
  })
})

describe('GET services', () => {
  it('lists the public categories with string codes, in JSON and XML alike', async () => {
    const services = json<Record<string, unknown>[]>(await get(`/open311/v2/services.json?jurisdiction_id=${JURISDICTION}`))
    expect(services).toEqual([
      {
        service_code: '0301',
        service_name: 'Pothole',
        description: 'A hole or a sunken patch in the road',
        metadata: true,
        type: 'realtime',
        keywords: 'road,hole',
        group: 'Roads Bureau',
      },
      {
        service_code: '05.02',
        service_name: 'Night construction noise',
        description: null,
        metadata: false,
        type: 'realtime',
        keywords: null,
        group: 'Environment Bureau',
      },
    ])
    const fromXml = xml<{ services: { service: Record<string, string>[] } }>(await get('/open311/v2/services.xml')).services.service
    expect(fromXml).toEqual(
      services.map((service) => Object.fromEntries(Object.entries(service).map(([key, value]) => [key, value === null ? '' : String(value)]))),
    )
  })

  it('answers an unknown jurisdiction with 404, a missing or empty one as ours', async () => {
    expectErrors(await get('/open311/v2/services.json?jurisdiction_id=elsewhere.gov'), 'json', 404, /jurisdiction_id/)
    expectErrors(await get('/open311/v2/services.xml?jurisdiction_id=elsewhere.gov'), 'xml', 404, /jurisdiction_id/)
    expect((await get('/open311/v2/services.json?jurisdiction_id=')).status).toBe(200)
  })
})

describe('GET service definition', () => {
  it('gives the attributes in order with datatypes, required flags and list values', async () => {
    const definition = json<{ service_code: string; attributes: Record<string, unknown>[] }>(await get('/open311/v2/services/0301.json'))
    expect(definition).toEqual({
      service_code: '0301',
      attributes: [
        {
          variable: true,
          code: 'lane',
          datatype: 'singlevaluelist',
          required: true,
          datatype_description: null,
          order: 1,
          description: 'Which lane',
          // A select field's options are both key and name.
          values: ['left', 'right'].map((option) => ({ key: option, name: option })),
        },
        { variable: true, code: 'depth', datatype: 'number', required: false, datatype_description: null, order: 2, description: 'Depth (cm)' },
        // A yes/no field is a list of two.
        {
          variable: true,
          code: 'blocking',
          datatype: 'singlevaluelist',
          required: false,
          datatype_description: null,
          order: 3,
          description: 'Blocking traffic',
          values: [
            { key: 'true', name: 'Yes' },
            { key: 'false', name: 'No' },
          ],
        },
      ],
    })
    const fromXml = xml<{ service_definition: { service_code: string; attributes: { attribute: Record<string, unknown>[] } } }>(
      await get('/open311/v2/services/0301.xml'),
    ).service_definition
    expect(fromXml.service_code).toBe('0301')
    expect(
      fromXml.attributes.attribute.map((attribute) => [attribute.code, attribute.datatype, attribute.required, attribute.order, attribute.variable]),
    ).toEqual([
      ['lane', 'singlevaluelist', 'true', '1', 'true'],
      ['depth', 'number', 'false', '2', 'true'],
      ['blocking', 'singlevaluelist', 'false', '3', 'true'],
    ])
    expect(fromXml.attributes.attribute[0]?.values).toEqual({
      value: [
        { key: 'left', name: 'left' },
        { key: 'right', name: 'right' },
      ],
    })
    // A code with a dot is read whole: the format is what follows the last dot.
    expect(json<{ service_code: string; attributes: unknown[] }>(await get('/open311/v2/services/05.02.json'))).toEqual({
      service_code: '05.02',
      attributes: [],
    })
  })

  it('answers an unknown or non-public service_code with 404, and an unknown format with 404 in JSON', async () => {
    expectErrors(await get('/open311/v2/services/nope.json'), 'json', 404, /service_code/)
    expectErrors(await get('/open311/v2/services/99.xml'), 'xml', 404, /service_code/)
    expectErrors(await get('/open311/v2/services/0301.yaml'), 'json', 404, /format/)
    expectErrors(await get('/open311/v2/services.html'), 'json', 404, /format/)
    expectErrors(await get('/open311/v2/nothing.xml'), 'xml', 404)
  })
})

describe('POST requests', () => {
  it('files a case from the form and answers its case number at once (JSON)', async () => {
    const before = await WorkOrder.countDocuments()
    const [created, ...rest] = json<Record<string, unknown>[]>(await post('/open311/v2/requests.json', potholeForm))
    expect(rest).toEqual([])
    expect(Object.keys(created ?? {})).toEqual(['service_request_id', 'service_notice', 'account_id'])
    expect(created?.service_request_id).toMatch(/^\d{4}-\d{6}$/)
    expect(created).toMatchObject({ account_id: 'acct-42', service_notice: expect.any(String) })
    expect(await WorkOrder.countDocuments()).toBe(before + 1)

    const stored = await WorkOrder.findOne({ number: created?.service_request_id }).lean()
    expect(stored).toMatchObject({
      source: 'open311',
      category: '0301',
      type: 'help',
      description: 'A deep hole in the left lane\nnear the bus stop',
      title: 'A deep hole in the left lane',
      address: '1 Renmin Road, Huangpu',
      location: { latitude: 31.2304, longitude: 121.4737 },
      fields: { lane: 'left', depth: 12, blocking: true },
      attachments: [{ url: 'https://photos.example/hole.jpg', mimeType: 'image/jpeg', name: 'hole.jpg' }],
      citizen: { name: 'Lei Li', phone: '+86 138 0000 0000', email: 'li.lei@example.com' },
      createdBy: { type: 'api', id: 'open311-key-2', name: 'Open311' },
      status: 'registered',
    })
  })

  it('answers in XML with the spec fields, an empty account_id when none was sent', async () => {
    const { account_id: _account, ...form } = potholeForm
    const body = xml<{ service_requests: { request: Record<string, string>[] } }>(await post('/open311/v2/requests.xml', form))
    expect(body.service_requests.request).toHaveLength(1)
    const [request] = body.service_requests.request
    expect(Object.keys(request ?? {})).toEqual(['service_request_id', 'service_notice', 'account_id'])
    expect(request?.service_request_id).toMatch(/^\d{4}-\d{6}$/)
    expect(request?.account_id).toBe('')
  })

  it('refuses a missing or wrong api_key with 403 and files nothing', async () => {
    const before = await WorkOrder.countDocuments()
    const { api_key: _key, ...withoutKey } = potholeForm
    expectErrors(await post('/open311/v2/requests.json', withoutKey), 'json', 403, /api_key/)
    expectErrors(await post('/open311/v2/requests.xml', { ...potholeForm, api_key: `${KEY}x` }), 'xml', 403, /api_key/)
    expectErrors(await post('/open311/v2/requests.xml', { ...potholeForm, api_key: KEY.slice(0, -1) }), 'xml', 403)
    // The key is checked before anything else, so a bad request without a key says only that.
    expectErrors(await post('/open311/v2/requests.json', { service_code: 'nope' }), 'json', 403)
    expect(await WorkOrder.countDocuments()).toBe(before)
  })

  it('refuses a request without a location (400), an unknown service_code (404) and a foreign jurisdiction (404)', async () => {
    const before = await WorkOrder.countDocuments()
    const { lat: _lat, long: _long, address_string: _address, ...noLocation } = potholeForm
    expectErrors(await post('/open311/v2/requests.json', noLocation), 'json', 400, /location is required/)
    expectErrors(await post('/open311/v2/requests.xml', noLocation), 'xml', 400, /location is required/)
    expectErrors(await post('/open311/v2/requests.json', { ...potholeForm, service_code: 'nope' }), 'json', 404, /service_code "nope" not found/)
    expectErrors(await post('/open311/v2/requests.xml', { ...potholeForm, service_code: '99' }), 'xml', 404, /service_code/)
    expectErrors(await post('/open311/v2/requests.json', { ...potholeForm, service_code: '' }), 'json', 400, /service_code is required/)
    expectErrors(await post('/open311/v2/requests.json', { ...potholeForm, jurisdiction_id: 'elsewhere.gov' }), 'json', 404, /jurisdiction_id/)
    expect(await WorkOrder.countDocuments()).toBe(before)
  })

  it('lists every problem with attributes and description at once', async () => {
    const fetched = await post('/open311/v2/requests.json', {
      ...potholeForm,
      'attribute[lane]': 'middle',
      'attribute[depth]': 'deep',
      'attribute[colour][]': ['red', 'blue'],
      description: '<b>hole</b>',
    })
    const errors = json<{ code: number; description: string }[]>(fetched, 400)
    expect(errors.map((error) => error.description)).toEqual([
      'description is plain text: no HTML or code',
      'attribute[colour] is not an attribute of this service',
      'attribute[lane]: middle is not one of left, right',
      'attribute[depth] must be a number',
    ])
    expectErrors(await post('/open311/v2/requests.json', { ...potholeForm, description: 'x'.repeat(4001) }), 'json', 400, /4000/)
  })

  it('refuses posts past the per-address budget with 429, filing nothing', async () => {
    const redis = hub.hub.context.redis
    const [budget, ...others] = await redis.keys('sb:budget:open311-post:*')
    expect(others).toEqual([])
    await redis.set(budget ?? '', '200', 'KEEPTTL')
    const before = await WorkOrder.countDocuments()
    const fetched = await post('/open311/v2/requests.xml', potholeForm)
    expectErrors(fetched, 'xml', 429, /Too many requests/)
    expect(await WorkOrder.countDocuments()).toBe(before)
    await redis.del(budget ?? '')
  })

  it('takes only form-urlencoded bodies', async () => {
    const response = await fetch(`${hub.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(potholeForm),
    })
    expectErrors(
      { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() },
      'json',
      400,
      /x-www-form-urlencoded/,
    )
  })
})

describe('GET requests and GET request', () => {
  let noise: string
  let pothole: string
  let closed: string
  let old: string
  let internal: string

  beforeAll(async () => {
    const context = hub.hub.context
    const agent = { type: 'user' as const, id: 'usr_agent', name: 'Agent' }
    old = await file({ ...potholeForm, description: 'An old hole' })
    await WorkOrder.updateOne({ _id: await settled(old) }, { $set: { createdAt: new Date(Date.now() - 100 * 24 * 60 * 60 * 1000) } })
    closed = await file({ api_key: KEY, service_code: '05.02', address_string: '8 Harbour Road', description: 'Drilling at 2 am' })
    await actOnWorkOrder(context, await settled(closed), 'answer_directly', { text: 'The permit allows night work until 15 March.' }, agent, 'agent')
    await settled(closed)
    pothole = await file({ ...potholeForm, description: 'Another hole' })
    await actOnWorkOrder(context, await settled(pothole), 'dispatch', { department: 'roads' }, agent, 'agent')
    await settled(pothole)
    noise = await file({ api_key: KEY, service_code: '05.02', address_id: 'A-545483' })
    await WorkOrder.updateOne({ _id: await settled(noise) }, { $set: { confidential: true } })
    // A case taken by phone is not published, nor is a confidential one.
    internal = (await createWorkOrder(context, { type: 'complaint', category: '05.02', title: 'Noise', description: 'Private', source: 'voice' }, agent)).number
    await settled(internal)
  })

  it('returns the last 90 days newest first, every field as the spec has it (JSON)', async () => {
    const requests = json<JsonRequest[]>(await get(`/open311/v2/requests.json?jurisdiction_id=${JURISDICTION}`))
    for (const request of requests) expectRequestShape(request)
    const numbers = requests.map((request) => request.service_request_id)
    expect(numbers.indexOf(pothole)).toBeLessThan(numbers.indexOf(closed))
    expect(numbers).not.toContain(old)
    expect(numbers).not.toContain(noise)
    expect(numbers).not.toContain(internal)
    const requested = requests.map((request) => new Date(String(request.requested_datetime)).getTime())
    expect(requested).toEqual([...requested].sort((a, b) => b - a))

    expect(requests.find((request) => request.service_request_id === pothole)).toEqual({
      service_request_id: pothole,
      status: 'open',
      status_notes: null,
      service_name: 'Pothole',
      service_code: '0301',
      description: 'Another hole',
      agency_responsible: 'Roads Bureau',
      service_notice: 'sent to the responsible department',
      requested_datetime: expect.stringMatching(/\+08:00$/),
      updated_datetime: expect.stringMatching(/\+08:00$/),
      expected_datetime: expect.stringMatching(/\+08:00$/),
      address: '1 Renmin Road, Huangpu',
      address_id: null,
      zipcode: null,
      lat: 31.2304,
      long: 121.4737,
      media_url: 'https://photos.example/hole.jpg',
    })
    const stored = await WorkOrder.findOne({ number: pothole }).lean()
    const request = requests.find((candidate) => candidate.service_request_id === pothole) ?? {}
    expect(new Date(String(request.expected_datetime)).getTime()).toBe(Math.floor(new Date(stored?.deadlines.resolve?.dueAt ?? 0).getTime() / 1000) * 1000)

    expect(requests.find((candidate) => candidate.service_request_id === closed)).toMatchObject({
      status: 'closed',
      status_notes: 'The permit allows night work until 15 March.',
      agency_responsible: null,
      service_notice: 'resolved',
      address: '8 Harbour Road',
      lat: null,
      long: null,
      media_url: null,
    })
  })

  it('returns the same requests in XML, empty elements for what is missing', async () => {
    const fromJson = json<JsonRequest[]>(await get('/open311/v2/requests.json'))
    const fromXml = xml<{ service_requests: { request: Record<string, string>[] } }>(await get('/open311/v2/requests.xml')).service_requests.request
    expect(fromXml).toEqual(
      fromJson.map((request) => Object.fromEntries(Object.entries(request).map(([key, value]) => [key, value === null ? '' : String(value)]))),
    )
    for (const request of fromXml) expect(Object.keys(request)).toEqual(REQUEST_FIELDS)
  })

  it('filters by status and service_code (comma lists)', async () => {
    const numbers = async (query: string) => json<JsonRequest[]>(await get(`/open311/v2/requests.json?${query}`)).map((request) => request.service_request_id)
    expect(await numbers('status=closed')).toEqual([closed])
    expect(await numbers('status=open')).toContain(pothole)
    expect(await numbers('status=open')).not.toContain(closed)
    expect((await numbers('status=open,closed')).sort()).toEqual((await numbers('')).sort())
    expect(await numbers('service_code=05.02')).toEqual([closed])
    expect((await numbers('service_code=05.02,0301')).sort()).toEqual((await numbers('')).sort())
    expect(await numbers('service_code=99')).toEqual([])
    expectErrors(await get('/open311/v2/requests.xml?status=pending'), 'xml', 400, /status/)
  })

  it('lets service_request_id override every other argument (but never show unpublished cases)', async () => {
    const found = json<JsonRequest[]>(
      await get(`/open311/v2/requests.json?service_request_id=${old},${closed},${internal},${noise}&status=open&service_code=0301&start_date=bad`),
    )
    expect(found.map((request) => request.service_request_id).sort()).toEqual([old, closed].sort())
  })

  it('applies the date window: an explicit one finds older cases; more than 90 days is a 400', async () => {
    const start = new Date(Date.now() - 120 * 24 * 60 * 60 * 1000).toISOString()
    const end = new Date(Date.now() - 50 * 24 * 60 * 60 * 1000).toISOString()
    const inWindow = json<JsonRequest[]>(await get(`/open311/v2/requests.json?start_date=${start}&end_date=${end}`))
    expect(inWindow.map((request) => request.service_request_id)).toEqual([old])
    const tooLong = `start_date=${start}&end_date=${new Date().toISOString()}`
    expectErrors(await get(`/open311/v2/requests.json?${tooLong}`), 'json', 400, /90 days/)
    expectErrors(await get(`/open311/v2/requests.xml?${tooLong}`), 'xml', 400, /90 days/)
    expectErrors(await get('/open311/v2/requests.json?start_date=2026-01-01'), 'json', 400, /start_date/)
  })

  it('returns one request by id as a list of one, in both formats', async () => {
    const [request, ...rest] = json<JsonRequest[]>(await get(`/open311/v2/requests/${closed}.json?jurisdiction_id=${JURISDICTION}`))
    expect(rest).toEqual([])
    expectRequestShape(request ?? {})
    expect(request).toMatchObject({ service_request_id: closed, status: 'closed', service_code: '05.02', service_name: 'Night construction noise' })
    const fromXml = xml<{ service_requests: { request: Record<string, string>[] } }>(await get(`/open311/v2/requests/${closed}.xml`)).service_requests.request
    expect(fromXml).toHaveLength(1)
    expect(fromXml[0]).toMatchObject({
      service_request_id: closed,
      status: 'closed',
      status_notes: 'The permit allows night work until 15 March.',
      address_id: '',
    })
  })

  it('answers 404 for an unknown, unpublished or confidential case', async () => {
    expectErrors(await get('/open311/v2/requests/1999-000001.json'), 'json', 404, /service_request_id/)
    expectErrors(await get(`/open311/v2/requests/${internal}.xml`), 'xml', 404)
    expectErrors(await get(`/open311/v2/requests/${noise}.json`), 'json', 404)
    expectErrors(await get(`/open311/v2/requests/${closed}.json?jurisdiction_id=elsewhere.gov`), 'json', 404, /jurisdiction_id/)
  })

  it('maps a token (the case number POST returned) to its service_request_id', async () => {
    expect(json<unknown[]>(await get(`/open311/v2/tokens/${pothole}.json`))).toEqual([{ service_request_id: pothole, token: pothole }])
    expect(xml<{ service_requests: { request: unknown[] } }>(await get(`/open311/v2/tokens/${pothole}.xml`)).service_requests.request).toEqual([
      { service_request_id: pothole, token: pothole },
    ])
    expectErrors(await get('/open311/v2/tokens/unknown.xml'), 'xml', 404, /token/)
  })
})

describe('GeoReport v2 extensions: paging and extensions=true', () => {
  const agent = { type: 'user' as const, id: 'usr_agent_zhang', name: 'Agent Zhang Wei' }
  const roads = { type: 'user' as const, id: 'usr_roads_li', name: 'Officer Li Na', department: 'roads' }
  const env = { type: 'user' as const, id: 'usr_env_wu', name: 'Inspector Wu Gang', department: 'env' }
  const citizen = { type: 'citizen' as const, id: 'citizen-lei', name: 'Lei Li' }
  /** What must never reach Open311: names, contact details and every comment written on the way. */
  const SECRETS = ['Zhang', 'Li Na', 'Wu Gang', 'Lei', 'li.lei@example.com', '138 0000 0000', 'INTERNAL']
  let handled: string
  let duplicate: string
  let duplicateOfUnpublished: string
  let tied: string[]

  const numbers = async (query: string) =>
    json<JsonRequest[]>(await get(`/open311/v2/requests.json?${query}`)).map((request) => String(request.service_request_id))

  beforeAll(async () => {
    const context = hub.hub.context
    const act = async (number: string, action: WorkOrderAction, input: ActionInput, actor: Actor, party: Party) => {
      await actOnWorkOrder(context, await settled(number), action, input, actor, party)
      await settled(number)
    }
    // A case through the whole loop, every step with internal text on it.
    handled = await file({ ...potholeForm, description: 'A hole that went the long way' })
    await act(handled, 'dispatch', { department: 'roads', coDepartments: ['env'], comment: 'INTERNAL dispatch note' }, agent, 'agent')
    await act(handled, 'urge', { comment: 'INTERNAL urge: the caller Lei Li rang again' }, agent, 'agent')
    await act(handled, 'return', { reason: 'INTERNAL return reason', legalBasis: 'INTERNAL legal basis' }, roads, 'department')
    await act(handled, 'dispatch', { department: 'roads', coDepartments: ['env'] }, agent, 'agent')
    await act(handled, 'sign', {}, roads, 'department')
    await act(handled, 'contribute', { text: 'INTERNAL co-handler part' }, env, 'department')
    await act(handled, 'start', {}, roads, 'department')
    await act(handled, 'reply', { text: 'INTERNAL reply: we phoned 138 0000 0000' }, roads, 'department')
    await act(handled, 'send_back', { comment: 'INTERNAL send back' }, agent, 'agent')
    await act(handled, 'reply', { text: 'INTERNAL second reply' }, roads, 'department')
    await act(handled, 'approve', {}, agent, 'agent')
    await act(handled, 'resolve', {}, agent, 'agent')
    await act(handled, 'ask_follow_up', {}, agent, 'agent')
    await act(handled, 'rate', { rating: 'unsatisfied', reason: 'INTERNAL citizen reason' }, citizen, 'citizen')

    // Duplicates: of a published case, and of one taken by phone (not published).
    duplicate = await file({ ...potholeForm, description: 'The same hole again' })
    await act(duplicate, 'merge', { masterId: await settled(handled), comment: 'INTERNAL merge note' }, agent, 'agent')
    const unpublished = (
      await createWorkOrder(
        context,
        { type: 'help', category: '0301', title: 'Hole', description: 'By phone', source: 'voice', fields: { lane: 'left' } },
        agent,
      )
    ).number
    duplicateOfUnpublished = await file({ ...potholeForm, description: 'A hole reported by phone too' })
    await act(duplicateOfUnpublished, 'merge', { masterId: await settled(unpublished) }, agent, 'agent')

    // Three cases filed in the same instant: the case number orders them.
    tied = [await file(potholeForm), await file(potholeForm), await file(potholeForm)]
    const instant = new Date(Date.now() - 60 * 60 * 1000)
    for (const number of tied) await WorkOrder.updateOne({ _id: await settled(number) }, { $set: { createdAt: instant } })
    tied.sort().reverse()
  })

  it('pages through GET requests newest first, case number breaking ties, with no repeats or gaps', async () => {
    const all = await numbers('')
    expect(all.length).toBeGreaterThanOrEqual(10)
    expect(all.filter((number) => tied.includes(number))).toEqual(tied)
    expect(await numbers('page=1&page_size=1000')).toEqual(all)
    expect(await numbers('page_size=')).toEqual(all)
    for (const size of [1, 3]) {
      const pages: string[][] = []
      for (let page = 1; page <= all.length + 1; page += 1) {
        const numbersOnPage = await numbers(`page=${page}&page_size=${size}`)
        expect(numbersOnPage.length).toBeLessThanOrEqual(size)
        if (numbersOnPage.length === 0) break
        pages.push(numbersOnPage)
      }
      expect(pages.flat()).toEqual(all)
      expect(new Set(pages.flat()).size).toBe(all.length)
    }
    expect(await numbers(`page=${all.length + 1}&page_size=1`)).toEqual([])
    // Paging applies after the filters, and in XML alike.
    const closed = await numbers('status=closed')
    expect([...(await numbers('status=closed&page=1&page_size=2')), ...(await numbers('status=closed&page=2&page_size=2'))]).toEqual(closed.slice(0, 4))
    const fromXml = xml<{ service_requests: { request: Record<string, string>[] } }>(await get('/open311/v2/requests.xml?page=2&page_size=3')).service_requests
      .request
    expect(fromXml.map((request) => request.service_request_id)).toEqual(all.slice(3, 6))
  })

  it('refuses a bad page or page_size with 400 in the spec error format, unless service_request_id overrides them', async () => {
    for (const query of ['page_size=0', 'page_size=1001', 'page_size=ten', 'page_size=2.5', 'page=0', 'page=-1', 'page=x&page_size=10']) {
      expectErrors(await get(`/open311/v2/requests.json?${query}`), 'json', 400, /page(_size)? is a whole number/)
      expectErrors(await get(`/open311/v2/requests.xml?${query}`), 'xml', 400, /page(_size)? is a whole number/)
    }
    // Every problem at once.
    const errors = json<{ code: number; description: string }[]>(await get('/open311/v2/requests.json?page=0&page_size=0&status=pending'), 400)
    expect(errors.map((error) => error.description)).toEqual([
      'status "pending" is not one of open, closed',
      'page is a whole number from 1 to 1000000',
      'page_size is a whole number from 1 to 1000',
    ])
    expect(await numbers(`service_request_id=${handled}&page=0&page_size=0`)).toEqual([handled])
  })

  it('adds nothing without extensions=true (or with extensions=false), and refuses a value that is neither', async () => {
    for (const query of ['', 'extensions=', 'extensions=false']) {
      for (const request of json<JsonRequest[]>(await get(`/open311/v2/requests.json?${query}`))) expect(Object.keys(request)).toEqual(REQUEST_FIELDS)
      const [one] = json<JsonRequest[]>(await get(`/open311/v2/requests/${handled}.json?${query}`))
      expect(Object.keys(one ?? {})).toEqual(REQUEST_FIELDS)
      const [fromXml] = xml<{ service_requests: { request: Record<string, string>[] } }>(await get(`/open311/v2/requests/${handled}.xml?${query}`))
        .service_requests.request
      expect(Object.keys(fromXml ?? {})).toEqual(REQUEST_FIELDS)
    }
    expectErrors(await get('/open311/v2/requests.json?extensions=yes'), 'json', 400, /extensions is true or false/)
    expectErrors(await get(`/open311/v2/requests/${handled}.xml?extensions=1`), 'xml', 400, /extensions is true or false/)
  })

  it('with extensions=true gives each request its public history as notes and its master case (JSON)', async () => {
    const fetched = await get('/open311/v2/requests.json?extensions=true')
    for (const secret of SECRETS) expect(fetched.text).not.toContain(secret)
    const requests = json<(JsonRequest & { extended_attributes: unknown; notes: Record<string, unknown>[] })[]>(fetched)
    for (const request of requests) {
      expect(Object.keys(request)).toEqual([...REQUEST_FIELDS, 'extended_attributes', 'notes'])
      for (const note of request.notes) {
        expect(Object.keys(note)).toEqual(['type', 'status', 'summary', 'description', 'datetime'])
        expect(note.datetime).toMatch(DATETIME)
      }
    }
    const byNumber = new Map(requests.map((request) => [request.service_request_id, request]))
    const long = byNumber.get(handled)
    expect(long?.status_notes).toBeNull()
    expect(long?.extended_attributes).toEqual({ duplicate: false, parent_service_request_id: null })
    expect(long?.notes.map((note) => [note.type, note.status, note.summary, note.description])).toEqual([
      ['update', 'open', 'received', null],
      ['update', 'open', 'sent to the responsible department', null],
      ['update', 'open', 'being sent to the right department', null],
      ['update', 'open', 'sent to the responsible department', null],
      ['update', 'open', 'accepted by the department', null],
      ['update', 'open', 'being handled', null],
      ['update', 'open', 'answered by the department, under review', null],
      ['update', 'open', 'being handled', null],
      ['update', 'open', 'answered by the department, under review', null],
      ['update', 'open', 'reviewed, about to be closed', null],
      ['update', 'closed', 'resolved', null],
      ['update', 'closed', 'resolved, waiting for your rating', null],
      ['update', 'closed', 'resolved and rated', null],
    ])
    const stored = await WorkOrder.findOne({ number: handled }).lean()
    const changes = (stored?.history ?? []).filter((entry) => entry.action === 'register' || entry.from !== entry.to)
    expect(long?.notes.map((note) => new Date(String(note.datetime)).getTime())).toEqual(
      changes.map((entry) => Math.floor(new Date(entry.at).getTime() / 1000) * 1000),
    )

    expect(byNumber.get(duplicate)).toMatchObject({
      status: 'closed',
      extended_attributes: { duplicate: true, parent_service_request_id: handled },
      notes: [
        { type: 'update', status: 'open', summary: 'received', description: null },
        { type: 'update', status: 'closed', summary: 'merged with the same request', description: null },
      ],
    })
    // Its master was taken by phone and is not published, so it is not named.
    expect(byNumber.get(duplicateOfUnpublished)?.extended_attributes).toEqual({ duplicate: true, parent_service_request_id: null })

    // The closing note of a direct answer is the one text written for the citizen.
    const [answered] = json<{ notes: unknown[] }[]>(await get(`/open311/v2/requests.json?status=closed&service_code=05.02&extensions=true`))
    expect(answered?.notes).toEqual([
      { type: 'update', status: 'open', summary: 'received', description: null, datetime: expect.stringMatching(/\+08:00$/) },
      {
        type: 'update',
        status: 'closed',
        summary: 'resolved',
        description: 'The permit allows night work until 15 March.',
        datetime: expect.stringMatching(/\+08:00$/),
      },
    ])

    // One request by id: the same object; paging and extensions together.
    expect(json<unknown[]>(await get(`/open311/v2/requests/${duplicate}.json?extensions=true`))).toEqual([byNumber.get(duplicate)])
    const paged = json<{ notes: unknown[] }[]>(await get('/open311/v2/requests.json?extensions=true&page=1&page_size=2'))
    expect(paged).toEqual(requests.slice(0, 2))
  })

  it('with extensions=true gives the same extended attributes and notes in XML', async () => {
    const asXml = (value: unknown): unknown =>
      value === null
        ? ''
        : Array.isArray(value)
          ? { note: value.map(asXml) }
          : typeof value === 'object'
            ? Object.fromEntries(Object.entries(value as object).map(([key, entry]) => [key, asXml(entry)]))
            : String(value)
    for (const number of [handled, duplicate]) {
      const fetched = await get(`/open311/v2/requests/${number}.xml?extensions=true`)
      for (const secret of SECRETS) expect(fetched.text).not.toContain(secret)
      const [fromXml] = xml<{ service_requests: { request: Record<string, unknown>[] } }>(fetched).service_requests.request
      const [fromJson] = json<Record<string, unknown>[]>(await get(`/open311/v2/requests/${number}.json?extensions=true`))
      expect(Object.keys(fromXml ?? {})).toEqual([...REQUEST_FIELDS, 'extended_attributes', 'notes'])
      expect(fromXml).toEqual(asXml(fromJson))
    }
    const list = xml<{ service_requests: { request: { service_request_id: string; extended_attributes: unknown }[] } }>(
      await get('/open311/v2/requests.xml?extensions=true'),
    ).service_requests.request
    expect(list.find((request) => request.service_request_id === duplicate)?.extended_attributes).toEqual({
      duplicate: 'true',
      parent_service_request_id: handled,
    })
  })
})

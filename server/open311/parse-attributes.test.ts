import { describe, expect, it } from 'vitest'
import { type AttributeDefinition, attributeDefinitions } from './map-service.js'
import { attributeFields, collectAttributes } from './parse-attributes.js'

const form = (body: string) => collectAttributes(new URLSearchParams(body).entries())

const definitions = attributeDefinitions(
  {
    fields: [
      { key: 'plate', label: { 'zh-CN': '车牌', en: 'Plate' }, type: 'text', required: true },
      { key: 'depth', label: { 'zh-CN': '深度', en: 'Depth (cm)' }, type: 'number', required: false },
      { key: 'seenOn', label: { 'zh-CN': '日期', en: 'Seen on' }, type: 'date', required: false },
      { key: 'lane', label: { 'zh-CN': '车道', en: 'Lane' }, type: 'select', options: ['left', 'right'], required: false },
      { key: 'blocking', label: { 'zh-CN': '阻断', en: 'Blocking traffic' }, type: 'boolean', required: false },
    ],
  },
  'en',
)
const hazards: AttributeDefinition = {
  code: 'hazards',
  datatype: 'multivaluelist',
  required: false,
  description: 'Hazards',
  datatype_description: null,
  order: 6,
  values: [
    { key: 'glass', name: 'Glass' },
    { key: 'oil', name: 'Oil' },
  ],
  stores: 'list',
}

describe('collectAttributes', () => {
  it('reads attribute[code]=v and attribute[code][]=v1&…=v2, dropping empty values', () => {
    const { values, problems } = form('attribute[plate]=A+123&attribute[hazards][]=glass&attribute[hazards][]=oil&attribute[depth]=&service_code=x')
    expect(problems).toEqual([])
    expect(Object.fromEntries(values)).toEqual({ plate: ['A 123'], hazards: ['glass', 'oil'], depth: [] })
  })

  it('reads the brackets percent-encoded, as form encoders send them', () => {
    expect(Object.fromEntries(form('attribute%5Bplate%5D=B&attribute%5Bhazards%5D%5B%5D=oil').values)).toEqual({ plate: ['B'], hazards: ['oil'] })
  })

  it('names malformed attribute keys', () => {
    expect(form('attribute=1&attribute[]=2&attribute[a][b]=3').problems).toHaveLength(3)
  })
})

describe('attributeFields', () => {
  const check = (body: string) => attributeFields([...definitions, hazards], form(body).values)

  it('turns values into what the case stores: numbers, true/false, list keys, text', () => {
    expect(
      check(
        'attribute[plate]=A1&attribute[depth]=12.5&attribute[seenOn]=2026-03-01&attribute[lane]=left&attribute[blocking]=false&attribute[hazards][]=oil&attribute[hazards][]=oil',
      ),
    ).toEqual({
      fields: { plate: 'A1', depth: 12.5, seenOn: '2026-03-01', lane: 'left', blocking: false, hazards: ['oil'] },
      problems: [],
    })
    expect(check('attribute[plate]=A1&attribute[seenOn]=2026-03-01T08:00:00%2B08:00').fields.seenOn).toBe('2026-03-01T08:00:00+08:00')
  })

  it('lists every problem: required missing, unknown code, bad number, date, list value, several values for one', () => {
    const { problems } = check(
      'attribute[depth]=deep&attribute[seenOn]=2026-02-30&attribute[lane]=middle&attribute[blocking]=yes&attribute[hazards][]=fire&attribute[colour]=red&attribute[lane][]=left',
    )
    expect(problems).toEqual([
      'attribute[colour] is not an attribute of this service',
      'attribute[plate] is required',
      'attribute[depth] must be a number',
      'attribute[seenOn] must be a date (2026-03-01) or an ISO 8601 date and time with its zone',
      'attribute[lane] takes one value',
      'attribute[blocking]: yes is not one of true, false',
      'attribute[hazards]: fire is not one of glass, oil',
    ])
  })

  it('accepts a single value sent with [] for a one-value attribute', () => {
    expect(check('attribute[plate][]=A1').fields).toEqual({ plate: 'A1' })
  })

  it('keeps text up to 2000 characters', () => {
    expect(check(`attribute[plate]=${'x'.repeat(2001)}`).problems).toEqual(['attribute[plate] is at most 2000 characters'])
  })
})

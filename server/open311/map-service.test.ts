import { describe, expect, it } from 'vitest'
import { workOrdersSchema } from '../work-orders/work-order-config.js'
import { serviceDefinitionOf, serviceOf } from './map-service.js'

const workOrders = workOrdersSchema.parse({
  departments: [{ id: 'roads', name: { 'zh-CN': '市政局', en: 'Roads Bureau' } }],
  categories: [
    {
      code: '03.01',
      name: { 'zh-CN': '道路坑洼', en: 'Pothole' },
      description: { 'zh-CN': '路面坑洼', en: 'A hole in the road' },
      keywords: ['road', 'hole'],
      fields: [
        { key: 'lane', label: { 'zh-CN': '车道', en: 'Lane' }, type: 'select', options: ['left', 'right'], required: true },
        { key: 'seenOn', label: { 'zh-CN': '日期', en: 'Seen on' }, type: 'date' },
        { key: 'blocking', label: { 'zh-CN': '阻断', en: 'Blocking' }, type: 'boolean' },
      ],
    },
    { code: '05', name: { 'zh-CN': '噪音', en: 'Noise' } },
  ],
  catalogue: [{ category: '03*', lead: 'roads' }],
})
const [pothole, noise] = workOrders.categories as [(typeof workOrders.categories)[0], (typeof workOrders.categories)[0]]

describe('services', () => {
  it('lists a category with string codes, metadata when it has fields, and its department as group', () => {
    expect(serviceOf(pothole, workOrders, 'en')).toEqual({
      service_code: '03.01',
      service_name: 'Pothole',
      description: 'A hole in the road',
      metadata: true,
      type: 'realtime',
      keywords: 'road,hole',
      group: 'Roads Bureau',
    })
    expect(serviceOf(noise, workOrders, 'zh-CN')).toMatchObject({ service_name: '噪音', description: null, metadata: false, keywords: null, group: null })
  })

  it('maps each field type to its datatype, in order, lists with their values (yes/no in the language)', () => {
    const definition = serviceDefinitionOf(pothole, 'zh-CN') as { service_code: string; attributes: Record<string, unknown>[] }
    expect(definition.service_code).toBe('03.01')
    expect(
      definition.attributes.map(({ code, datatype, required, order, variable, description }) => [code, datatype, required, order, variable, description]),
    ).toEqual([
      ['lane', 'singlevaluelist', true, 1, true, '车道'],
      ['seenOn', 'datetime', false, 2, true, '日期'],
      ['blocking', 'singlevaluelist', false, 3, true, '阻断'],
    ])
    expect(definition.attributes.map((attribute) => attribute.values ?? null)).toEqual([
      ['left', 'right'].map((key) => ({ key, name: key })),
      null,
      [
        { key: 'true', name: '是' },
        { key: 'false', name: '否' },
      ],
    ])
    expect(definition.attributes.map((attribute) => attribute.datatype_description)).toEqual([null, expect.stringContaining('ISO 8601'), null])
  })
})

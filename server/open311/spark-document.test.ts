import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { escapeXml, renderJson, renderXml } from './spark-document.js'

const parser = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'error', 'format', 'endpoint'].includes(name) })

describe('escapeXml', () => {
  it('escapes the five markup characters', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;')
  })

  it('drops characters XML cannot carry and keeps tabs, line breaks and any other Unicode', () => {
    expect(escapeXml('a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uD800g')).toBe('abcdefg')
    expect(escapeXml('路面\t坑洼\n😀')).toBe('路面\t坑洼\n😀')
    expect(escapeXml('a\r\nb')).toBe('a&#13;\nb')
  })
})

describe('renderXml', () => {
  it('starts with the declaration and writes lists as repeated item elements', () => {
    const xml = renderXml('services', [
      { service_code: '0301', service_name: 'Potholes & <cracks>', metadata: true, group: null },
      { service_code: '0302', service_name: '路灯', metadata: false, group: 'Roads' },
    ])
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<services>')).toBe(true)
    expect(xml).toContain('<group/>')
    const parsed = parser.parse(xml) as { services: { service: Record<string, string>[] } }
    expect(parsed.services.service).toEqual([
      { service_code: '0301', service_name: 'Potholes & <cracks>', metadata: 'true', group: '' },
      { service_code: '0302', service_name: '路灯', metadata: 'false', group: 'Roads' },
    ])
  })

  it('writes nested lists with their own item names (discovery formats, errors)', () => {
    const discovery = parser.parse(renderXml('discovery', { endpoints: [{ url: 'http://x/v2', formats: ['text/xml', 'application/json'] }] })) as {
      discovery: { endpoints: { endpoint: { url: string; formats: { format: string[] } }[] } }
    }
    expect(discovery.discovery.endpoints.endpoint[0]?.formats.format).toEqual(['text/xml', 'application/json'])
    const errors = parser.parse(renderXml('errors', [{ code: 403, description: 'Invalid api_key' }])) as { errors: { error: unknown[] } }
    expect(errors.errors.error).toEqual([{ code: '403', description: 'Invalid api_key' }])
  })

  it('writes the extensions: extended_attributes as an element, notes as repeated note elements', () => {
    const xml = renderXml('service_requests', [
      {
        service_request_id: '2026-000002',
        extended_attributes: { duplicate: true, parent_service_request_id: '2026-000001' },
        notes: [{ type: 'update', status: 'closed', summary: 'merged', description: null, datetime: '2026-03-01T11:00:00+08:00' }],
      },
    ])
    expect(xml).toContain(
      '<extended_attributes><duplicate>true</duplicate><parent_service_request_id>2026-000001</parent_service_request_id></extended_attributes><notes><note><type>update</type>',
    )
    expect(xml).toContain('<description/>')
  })

  it('refuses a list it has no item element for, rather than writing invalid XML', () => {
    expect(() => renderXml('things', [1])).toThrow(/no item element/)
  })

  it('renders the same value as JSON directly', () => {
    expect(JSON.parse(renderJson([{ code: 404, description: 'x' }]))).toEqual([{ code: 404, description: 'x' }])
  })
})

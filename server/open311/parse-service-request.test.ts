import { describe, expect, it } from 'vitest'
import type { Category } from '../work-orders/work-order-config.js'
import { attributeDefinitions } from './map-service.js'
import { parseServiceRequest } from './parse-service-request.js'

const category: Category = {
  code: '0301',
  name: { 'zh-CN': '道路坑洼', en: 'Pothole' },
  fields: [{ key: 'lane', label: { 'zh-CN': '车道', en: 'Lane' }, type: 'select', options: ['left', 'right'], required: true }],
  public: true,
  keywords: [],
}
const parse = (body: string) => parseServiceRequest(new URLSearchParams(body), category, attributeDefinitions(category, 'en'), 'Pothole')

describe('parseServiceRequest', () => {
  it('turns the spec example form into a case filed from Open311', () => {
    const result = parse(
      'api_key=xyz&jurisdiction_id=city.gov&service_code=0301&lat=37.76524078&long=-122.4212043&address_string=1234+5th+street&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=111111111&description=A+large+sinkhole+is+destroying+the+street&media_url=http%3A%2F%2Ffarm3.static.flickr.com%2F2002%2F2212426634_5ed477a060.jpg&attribute[lane]=left',
    )
    expect(result).toEqual({
      ok: true,
      accountId: '123456',
      draft: {
        type: 'help',
        category: '0301',
        title: 'A large sinkhole is destroying the street',
        description: 'A large sinkhole is destroying the street',
        address: '1234 5th street',
        location: { latitude: 37.76524078, longitude: -122.4212043 },
        fields: { lane: 'left' },
        attachments: [{ url: 'http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg', mimeType: 'image/jpeg', name: '2212426634_5ed477a060.jpg' }],
        citizen: { name: 'john smith', phone: '111111111', email: 'smit333@sfgov.edu' },
        source: 'open311',
      },
    })
  })

  it('accepts each location form alone; empty parameters count as missing', () => {
    expect(parse('lat=31.2&long=121.5&attribute[lane]=left').ok).toBe(true)
    expect(parse('address_string=1+Main+St&lat=&long=&attribute[lane]=left').ok).toBe(true)
    const byId = parse('address_id=545483&attribute[lane]=left')
    expect(byId.ok && byId.draft.address).toBe('address_id 545483')
    expect(byId.ok && byId.draft.description).toBe('Pothole')
  })

  it('refuses a request without a location, or with half of lat/long, or outside WGS84', () => {
    expect(parse('attribute[lane]=left')).toEqual({ ok: false, problems: ['A location is required: lat and long, address_string or address_id'] })
    expect(parse('lat=31.2&address_string=x&attribute[lane]=left')).toEqual({ ok: false, problems: ['lat and long are sent together'] })
    expect(parse('lat=91&long=200&attribute[lane]=left')).toEqual({
      ok: false,
      problems: ['lat is a WGS84 latitude, -90 to 90', 'long is a WGS84 longitude, -180 to 180'],
    })
  })

  it('keeps description to 4000 characters of plain text (line breaks yes, HTML no)', () => {
    const base = 'address_string=x&attribute[lane]=left&description='
    expect(parse(`${base}${encodeURIComponent('路'.repeat(4000))}`).ok).toBe(true)
    expect(parse(`${base}${encodeURIComponent('路'.repeat(4001))}`)).toEqual({ ok: false, problems: ['description is at most 4000 characters'] })
    for (const html of ['<b>hole</b>', 'see <a href="x">', '<script>alert(1)</script>', '<!-- x -->', '<img src=x onerror=alert(1)>']) {
      expect(parse(`${base}${encodeURIComponent(html)}`), html).toEqual({ ok: false, problems: ['description is plain text: no HTML or code'] })
    }
    const plain = parse(`${base}${encodeURIComponent('depth < 5cm, width > 1m <3\r\nsecond line\u0007')}`)
    expect(plain.ok && plain.draft.description).toBe('depth < 5cm, width > 1m <3\nsecond line')
  })

  it('checks the contact fields and media_url, and the attributes against the definition', () => {
    const result = parse('address_string=x&email=nope&phone=call+me&media_url=javascript:alert(1)&attribute[lane]=middle')
    expect(result).toEqual({
      ok: false,
      problems: [
        'email is not an email address',
        'phone is a phone number (digits, +, spaces, dashes, brackets)',
        'media_url is an http or https URL',
        'attribute[lane]: middle is not one of left, right',
      ],
    })
    expect(parse('address_string=x')).toEqual({ ok: false, problems: ['attribute[lane] is required'] })
  })
})

import { describe, expect, it } from 'vitest'
import { discoveryOf } from './discovery.js'

describe('discoveryOf', () => {
  it('has every required field and lists text/xml for the v2 endpoint', () => {
    expect(
      discoveryOf({ changeset: '2026-03-01T10:00:00+08:00', contact: 'c', keyService: 'k', endpointUrl: 'https://hub.example/open311/v2', type: 'production' }),
    ).toEqual({
      changeset: '2026-03-01T10:00:00+08:00',
      contact: 'c',
      key_service: 'k',
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: 'https://hub.example/open311/v2',
          changeset: '2026-03-01T10:00:00+08:00',
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    })
  })
})

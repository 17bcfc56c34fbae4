import { describe, expect, it } from 'vitest'
import type { HubContext } from '../hub-context.js'
import { open311Schema } from './open311-config.js'
import { open311Routes } from './open311-routes.js'

describe('open311Schema', () => {
  it('is on by default, keys from OPEN311_API_KEYS, only Open311 cases published', () => {
    expect(open311Schema.parse(undefined)).toEqual({
      enabled: true,
      apiKeysEnv: 'OPEN311_API_KEYS',
      keyService: 'Ask the hotline administrators for an API key.',
      type: 'production',
      language: 'en',
      publish: 'open311',
      postsPerMinute: 30,
    })
  })

  it('takes the NAME of the keys variable, never a key, and refuses unknown settings', () => {
    expect(open311Schema.safeParse({ apiKeysEnv: 'my-secret-key' }).success).toBe(false)
    expect(open311Schema.safeParse({ apiKeys: ['k'] }).success).toBe(false)
    expect(open311Schema.parse({ apiKeysEnv: 'CITY_OPEN311_KEYS', jurisdictionId: 'city.gov' })).toMatchObject({
      apiKeysEnv: 'CITY_OPEN311_KEYS',
      jurisdictionId: 'city.gov',
    })
  })

  it('serves nothing when disabled', async () => {
    const context = { config: { open311: open311Schema.parse({ enabled: false }) } } as unknown as HubContext
    expect((await open311Routes(context).request('/open311/discovery.json')).status).toBe(404)
  })
})

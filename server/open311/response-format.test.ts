import { describe, expect, it } from 'vitest'
import { splitFormat } from './response-format.js'

describe('splitFormat', () => {
  it('takes the suffix after the last dot, so codes may hold dots', () => {
    expect(splitFormat('services.xml')).toEqual({ name: 'services', format: 'xml' })
    expect(splitFormat('03.01.JSON')).toEqual({ name: '03.01', format: 'json' })
    expect(splitFormat('03.01')).toEqual({ name: '03', format: null })
    expect(splitFormat('services.yaml')).toEqual({ name: 'services', format: null })
    expect(splitFormat('services')).toEqual({ name: 'services', format: null })
    expect(splitFormat('.json')).toEqual({ name: '.json', format: null })
  })
})

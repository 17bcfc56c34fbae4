/** Service Discovery (/open311/discovery.{xml,json}): who runs the endpoint, how to get a key, and the v2 endpoint. */
import type { SparkValue } from './spark-document.js'

export const GEOREPORT_V2 = 'http://wiki.open311.org/GeoReport_v2'

export interface DiscoveryInput {
  changeset: string
  contact: string
  keyService: string
  /** The v2 endpoint's absolute URL, without a trailing slash. */
  endpointUrl: string
  type: 'production' | 'test'
}

export function discoveryOf(input: DiscoveryInput): SparkValue {
  return {
    changeset: input.changeset,
    contact: input.contact,
    key_service: input.keyService,
    endpoints: [
      {
        specification: GEOREPORT_V2,
        url: input.endpointUrl,
        changeset: input.changeset,
        type: input.type,
        formats: ['text/xml', 'application/json'],
      },
    ],
  }
}

/**
 * Turns channels.config.ts into live connectors, one per channel instance.
 * The only place that knows how config entries map to connector factories.
 */
import { createHmac } from 'node:crypto'
import { type ChannelConnector, type ConnectorDependencies, connectorRegistry } from '../../connectors/index.js'
import type { ChannelConfig, HubConfig } from '../config/hub-config-schema.js'

export interface ChannelEntry {
  config: ChannelConfig
  connector: ChannelConnector
}

export type ChannelRegistry = ReadonlyMap<string, ChannelEntry>

/** Builds a channel's connector instead of the registry (tests inject fakes); undefined: use the registry. */
export type CreateConnectorOverride = (channel: ChannelConfig, dependencies: ConnectorDependencies) => ChannelConnector | undefined

export function createChannelRegistry(
  config: HubConfig,
  options: { hubSecret: string; dependencies: ConnectorDependencies; override?: CreateConnectorOverride },
): ChannelRegistry {
  const registry = new Map<string, ChannelEntry>()
  for (const channel of config.channels) {
    if (!channel.enabled) continue
    const connector = options.override?.(channel, options.dependencies) ?? createConnector(channel, options)
    registry.set(channel.id, { config: channel, connector })
  }
  return registry
}

function createConnector(channel: ChannelConfig, options: { hubSecret: string; dependencies: ConnectorDependencies }): ChannelConnector {
  switch (channel.type) {
    case 'webchat':
      return connectorRegistry.webchat.create({
        channelId: channel.id,
        // A per-channel key derived from the hub secret, unless the operator set one.
        config: { ...channel, visitorTokenSecret: channel.visitorTokenSecret ?? deriveSecret(options.hubSecret, `webchat:${channel.id}`) },
        dependencies: options.dependencies,
      }) as ChannelConnector
    case 'wechat':
      return connectorRegistry.wechat.create({ channelId: channel.id, config: channel, dependencies: options.dependencies }) as ChannelConnector
    case 'wechaty':
      return connectorRegistry.wechaty.create({ channelId: channel.id, config: channel, dependencies: options.dependencies }) as ChannelConnector
    case 'sms':
      return connectorRegistry.sms.create({ channelId: channel.id, config: channel, dependencies: options.dependencies }) as ChannelConnector
    case 'voice':
      return connectorRegistry.voice.create({ channelId: channel.id, config: channel, dependencies: options.dependencies }) as ChannelConnector
    case 'email':
      return connectorRegistry.email.create({ channelId: channel.id, config: channel, dependencies: options.dependencies }) as ChannelConnector
  }
}

function deriveSecret(hubSecret: string, purpose: string): string {
  return createHmac('sha256', hubSecret).update(purpose).digest('base64url')
}

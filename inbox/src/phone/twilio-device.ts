/**
 * The softphone adapter on Twilio's Voice SDK. Loaded only through `loadTwilioDevice` (a dynamic
 * import), so the SDK lands in its own chunk that agents download when they turn the phone on.
 */
import { Call, Device } from '@twilio/voice-sdk'
import { type CreateDevice, type PhoneCall, type PhoneDevice, UnsupportedBrowserError } from './softphone.js'

export const createTwilioDevice: CreateDevice = async (token, { refreshMs, events }) => {
  if (!Device.isSupported) throw new UnsupportedBrowserError('This browser cannot make WebRTC calls')
  const device = new Device(token, {
    appName: 'switchboard-inbox',
    // Ask before leaving the page during a call.
    closeProtection: true,
    codecPreferences: [Call.Codec.Opus, Call.Codec.PCMU],
    tokenRefreshMs: refreshMs,
  })
  device.on(Device.EventName.Registered, () => events.registered())
  device.on(Device.EventName.Unregistered, () => events.unregistered())
  device.on(Device.EventName.TokenWillExpire, () => events.tokenWillExpire())
  // A call's errors also reach the device with the call: those are handled on the call.
  device.on(Device.EventName.Error, (error: unknown, call?: Call) => {
    if (!call) events.error(error)
  })
  // Agents take callers by calling the queue; nothing is meant to ring the softphone.
  device.on(Device.EventName.Incoming, (call: Call) => call.reject())

  const phone: PhoneDevice = {
    register: () => device.register(),
    async connect(params, callEvents): Promise<PhoneCall> {
      const call = await device.connect({ params })
      call.on('accept', () => callEvents.accept())
      call.on('disconnect', () => callEvents.disconnect())
      call.on('cancel', () => callEvents.disconnect())
      call.on('reject', () => callEvents.disconnect())
      call.on('error', (error: unknown) => callEvents.error(error))
      call.on('mute', (muted: boolean) => callEvents.mute(muted))
      return { mute: (muted) => call.mute(muted), disconnect: () => call.disconnect() }
    },
    updateToken: (next) => device.updateToken(next),
    destroy: () => device.destroy(),
  }
  return phone
}

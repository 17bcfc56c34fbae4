import { z } from 'zod'

/** The two widget frames that carry citizen data; typing/ping/hello are handled by the socket gateway. */
export const webchatInboundFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('message'),
    clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    text: z.string(),
  }),
  z.object({
    type: z.literal('receipt'),
    status: z.enum(['delivered', 'read']),
    messageIds: z.array(z.string().min(1).max(64)).min(1).max(100),
  }),
])

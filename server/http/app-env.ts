import type { UserDoc } from '../models/user.js'

/** Per-request values set by middleware. */
export interface AppEnv {
  Variables: {
    user: UserDoc
    sessionToken: string
  }
}

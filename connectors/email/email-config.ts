import { z } from 'zod'
import { normalizeAddress } from './email-address.js'

/** 10 MiB: what most providers accept per message, and what the SMTP listener advertises (SIZE). */
export const EMAIL_DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024
/** The listener's port when neither the config nor the SMTP_PORT environment variable gives one. */
export const EMAIL_DEFAULT_SMTP_PORT = 2525

const ENV_NAME_PATTERN = /^[A-Z_][A-Z0-9_]*$/
/** Deliberately loose (RFC 5321 allows far more than any validator): one @, no spaces or brackets, a dotted domain. */
const ADDRESS_PATTERN = /^[^\s@<>()",;:[\]]+@[^\s@<>()",;:[\]]+\.[^\s@<>()",;:[\]]+$/

const envName = (what: string) => z.string().regex(ENV_NAME_PATTERN, `${what} is the NAME of an environment variable, e.g. EMAIL_SMTP_PASSWORD`)
const port = z.number().int().min(1).max(65_535)
const host = z.string().trim().min(1)
export const emailAddressSchema = z.string().trim().regex(ADDRESS_PATTERN, 'an email address, e.g. 12345@city.gov.cn').transform(normalizeAddress)

/** The listener for mail MX-routed or forwarded to the hotline (smtp-server). */
const smtpInboundSchema = z.object({
  /** Interface to bind. */
  host: host.default('0.0.0.0'),
  /** Default: the SMTP_PORT environment variable, else 2525. */
  port: port.optional(),
  /** The name in the greeting and EHLO answer (default: the machine's host name). */
  hostname: host.optional(),
  /** Offer STARTTLS with this key and certificate (PEM files); without it STARTTLS is not offered. */
  tls: z.object({ keyPath: z.string().min(1), certPath: z.string().min(1) }).optional(),
  /** Accounts a forwarding relay may AUTH with; passwords come from the environment variables named here. */
  users: z
    .array(z.object({ username: z.string().min(1), passwordEnv: envName('passwordEnv') }))
    .min(1)
    .optional(),
  /** Refuse mail from clients that did not AUTH (only when every sender is a relay of yours: MX traffic never authenticates). */
  requireAuth: z.boolean().default(false),
  /** Allow AUTH before STARTTLS (passwords in clear text): only on a trusted network. */
  allowInsecureAuth: z.boolean().default(false),
  maxConnections: z.number().int().min(1).max(10_000).default(100),
})

/** A poller for an existing mailbox (imapflow, IDLE). */
const imapInboundSchema = z.object({
  host,
  port: port.default(993),
  /** Implicit TLS (993); false for a plain connection that upgrades with STARTTLS when offered (143). */
  secure: z.boolean().default(true),
  user: z.string().min(1),
  passwordEnv: envName('passwordEnv'),
  mailbox: z.string().min(1).default('INBOX'),
  /** Wait for new mail with IMAP IDLE; polling every `pollIntervalSeconds` happens either way. */
  idle: z.boolean().default(true),
  pollIntervalSeconds: z.number().int().min(5).max(3600).default(60),
  /** Flag taken messages \Seen (after they are queued), so people reading the mailbox see what the hub took. */
  markSeen: z.boolean().default(true),
})

/** The relay agent replies are sent through (nodemailer). */
const outboundSchema = z.object({
  host,
  port: port.default(587),
  /** Implicit TLS: true for port 465 only; 587 upgrades with STARTTLS. */
  secure: z.boolean().default(false),
  /** Fail instead of sending in clear text when the relay does not offer STARTTLS. */
  requireTLS: z.boolean().default(false),
  user: z.string().min(1).optional(),
  passwordEnv: envName('passwordEnv').optional(),
  /** Keep connections open and reuse them (nodemailer's pool). */
  pool: z.boolean().default(true),
  maxConnections: z.number().int().min(1).max(100).default(5),
  /** The From address (default: the first of `addresses`). */
  from: emailAddressSchema.optional(),
  /** Subject of a message that answers no earlier mail (the agent writes first). */
  defaultSubject: z.string().trim().min(1).optional(),
  dkim: z
    .object({
      /** Signing domain (d=), normally the From address's domain. */
      domain: host,
      /** Selector (s=): the DNS record is `<selector>._domainkey.<domain>`. */
      selector: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'selector is a DNS label, e.g. hotline2026'),
      /** Environment variable holding the PEM private key (`\n` escapes are accepted). */
      privateKeyEnv: envName('privateKeyEnv'),
    })
    .optional(),
})

const threadingSchema = z.object({
  /** A citizen answering a resolved conversation's mail: reopen that conversation, or start a new one. */
  afterResolved: z.enum(['reopen', 'new']).default('reopen'),
  /**
   * A mail that answers nothing the hub knows (a fresh mail, a new subject): start a new conversation,
   * as mail clients start a new thread, or join the citizen's active conversation on this channel.
   */
  unmatched: z.enum(['new', 'active']).default('new'),
  /** Put `[#<conversation>]` in reply subjects: the fallback that survives clients dropping References. */
  subjectToken: z.boolean().default(true),
  /**
   * Set Reply-To to `<local>+<conversation>@<domain>`: only when the MX delivers plus addresses
   * (the built-in SMTP listener does; many hosted mailboxes do not, and replies would bounce).
   */
  replyToToken: z.boolean().default(false),
})

export const emailConfigSchema = z
  .object({
    type: z.literal('email'),
    /** The hotline addresses this channel accepts (e.g. 12345@city.gov.cn); plus addresses (`12345+x@`) match too. */
    addresses: z.array(emailAddressSchema).min(1),
    /** The display name of outgoing mail (`"12345热线" <12345@city.gov.cn>`). */
    displayName: z.string().trim().min(1).optional(),
    inbound: z
      .object({
        smtp: smtpInboundSchema.optional(),
        imap: imapInboundSchema.optional(),
      })
      .prefault({}),
    outbound: outboundSchema,
    /** Larger mail is refused by the listener (552) and taken without its body by the poller. */
    maxMessageBytes: z
      .number()
      .int()
      .min(64 * 1024)
      .max(50 * 1024 * 1024)
      .default(EMAIL_DEFAULT_MAX_MESSAGE_BYTES),
    /** Remote images in HTML mail are tracking beacons as often as content: replaced by a placeholder unless allowed. */
    remoteImages: z.enum(['block', 'allow']).default('block'),
    threading: threadingSchema.prefault({}),
    /**
     * How long attachment bytes wait in the shared cache for the hub's media job (which copies them
     * into the hub's storage): longer than the media queue's retries, so a slow worker loses nothing.
     */
    attachmentRetentionHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24 * 7),
  })
  .superRefine((config, context) => {
    for (const problem of emailConfigProblems(config)) context.addIssue({ code: 'custom', path: problem.path, message: problem.message })
  })

export type EmailConfig = z.output<typeof emailConfigSchema>
export type EmailSmtpInboundConfig = NonNullable<EmailConfig['inbound']['smtp']>
export type EmailImapInboundConfig = NonNullable<EmailConfig['inbound']['imap']>
export type EmailOutboundConfig = EmailConfig['outbound']
export type EmailThreadingConfig = EmailConfig['threading']

export interface ConfigProblem {
  path: (string | number)[]
  message: string
}

/**
 * The cross-field rules. Exported because the hub builds its channel schema from
 * `configSchema.shape`, which drops object-level refinements: the factory checks again.
 */
export function emailConfigProblems(config: Pick<EmailConfig, 'addresses' | 'inbound' | 'outbound'>): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  if (!config.inbound.smtp && !config.inbound.imap) {
    problems.push({ path: ['inbound'], message: 'configure inbound.smtp (a listener), inbound.imap (a mailbox poller) or both' })
  }
  const seen = new Set<string>()
  config.addresses.forEach((address, index) => {
    if (address.split('@')[0]?.includes('+')) problems.push({ path: ['addresses', index], message: 'list the base address: plus addresses match it already' })
    if (seen.has(address)) problems.push({ path: ['addresses', index], message: `duplicate address ${address}` })
    seen.add(address)
  })
  if (config.inbound.smtp?.requireAuth && !config.inbound.smtp.users?.length) {
    // Without accounts nobody could authenticate, and the listener would quietly take mail from anyone.
    problems.push({ path: ['inbound', 'smtp', 'users'], message: 'requireAuth needs at least one entry in users' })
  }
  if (Boolean(config.outbound.user) !== Boolean(config.outbound.passwordEnv)) {
    problems.push({ path: ['outbound', 'passwordEnv'], message: 'set both outbound.user and outbound.passwordEnv, or neither' })
  }
  return problems
}

/**
 * The right-hand side: header with actions, transcript, typing status, composer
 * and contact details. Mounted once per conversation (keyed by id), so nothing
 * from the previous conversation can leak into the next.
 */
import { useCallback, useMemo, useRef, useState } from 'preact/hooks'
import type { ConversationDto, UserDto } from '../../../server/presenters/dto.js'
import { errorText } from '../api/error-text.js'
import type { ChannelSummary } from '../api/inbox-api.js'
import type { WorkOrderMeta } from '../api/work-order-api.js'
import { useConversation } from '../hooks/use-conversation.js'
import { useConversationActions } from '../hooks/use-conversation-actions.js'
import { useMarkRead } from '../hooks/use-mark-read.js'
import { useReplySender } from '../hooks/use-reply-sender.js'
import { useTemplateResend } from '../hooks/use-template-resend.js'
import { useI18n } from '../i18n/i18n-context.js'
import type { Softphone } from '../phone/softphone.js'
import type { InboxSocket } from '../realtime/inbox-socket.js'
import type { CannedResponse } from '../state/canned-responses.js'
import { hubName } from '../state/hub-info.js'
import { Composer } from './composer.js'
import { ContactPanel } from './contact-panel.js'
import { ConversationHeader } from './conversation-header.js'
import { ConversationWorkOrders } from './conversation-work-orders.js'
import { ReplyWindowWarning } from './reply-window-warning.js'
import { TemplateResendStatus } from './template-resend.js'
import { Transcript } from './transcript.js'
import { TransferDialog } from './transfer-dialog.js'
import { VoiceCallBar } from './voice-call-bar.js'

interface Props {
  conversationId: string | null
  socket: InboxSocket
  user: UserDto
  channelName: (channelId: string, fallback?: string) => string
  /** A channel as GET /api/channels describes it (undefined until that answers). */
  channelOf: (channelId: string) => ChannelSummary | undefined
  onConversation: (conversation: ConversationDto) => void
  softphone: Softphone
  /** Queue ids the inbox knows of: where a conversation can be transferred. */
  knownQueues: readonly string[]
  queueName: (id: string) => string
  canned: readonly CannedResponse[]
  /** Opens another conversation (from the contact's history). */
  onOpen: (conversationId: string) => void
  /** What the work-order form offers (null until the hub answered). */
  workOrderMeta: WorkOrderMeta | null
  /** Shows a case filed from this conversation in the work-orders view. */
  onOpenWorkOrder: (workOrderId: string) => void
}

export function ConversationView(props: Props) {
  const {
    conversationId,
    socket,
    user,
    channelName,
    channelOf,
    onConversation,
    softphone,
    knownQueues,
    queueName,
    canned,
    onOpen,
    workOrderMeta,
    onOpenWorkOrder,
  } = props
  const { t, language } = useI18n()
  const open = useConversation(conversationId, socket)
  const { setConversation } = open
  const publish = useCallback(
    (conversation: ConversationDto) => {
      setConversation(conversation)
      onConversation(conversation)
    },
    [setConversation, onConversation],
  )
  const actions = useConversationActions(conversationId, publish)
  const sender = useReplySender(open.timeline, open.touch, socket)
  const resender = useTemplateResend(open.timeline, open.touch)
  useMarkRead(open.conversation, open.timeline, open.version, publish)
  // The timeline is mutable; `version` says when to read it again.
  const entries = useMemo(() => open.timeline?.entries() ?? [], [open.timeline, open.version])
  const [transferring, setTransferring] = useState(false)
  const [transferred, setTransferred] = useState(false)
  const onTransferred = useCallback(
    (conversation: ConversationDto) => {
      publish(conversation)
      setTransferring(false)
      setTransferred(true)
    },
    [publish],
  )
  // Below 1180 px the contact panel is a drawer over the conversation, opened from the header.
  const [contactOpen, setContactOpen] = useState(false)
  const contactToggle = useRef<HTMLButtonElement>(null)
  const closeContact = useCallback((returnFocus: boolean) => {
    setContactOpen(false)
    if (returnFocus) contactToggle.current?.focus()
  }, [])
  const onTyping = useCallback((on: boolean) => conversationId && socket.sendTyping(conversationId, on), [conversationId, socket])

  const { conversation, contact } = open
  const channel = conversation ? channelOf(conversation.channel) : undefined
  return (
    <main
      id="conversation"
      class="conversation-pane"
      tabIndex={-1}
      aria-labelledby={contact ? 'conversation-heading' : undefined}
      aria-label={contact ? undefined : t('conversation.label')}
    >
      {!conversationId && <p class="pane-message">{t('conversation.none')}</p>}
      {open.phase === 'loading' && (
        <p class="pane-message" role="status">
          {t('conversation.loading')}
        </p>
      )}
      {open.phase === 'error' && (
        <div class="pane-message" role="alert">
          <p>
            {t('conversation.error')} {errorText(open.error, t)}
          </p>
          <button type="button" class="button" onClick={open.retry}>
            {t('error.retry')}
          </button>
        </div>
      )}
      {open.phase === 'ready' && conversation && contact && conversationId && (
        <div class="conversation-layout">
          <div class="conversation-main">
            <ConversationHeader
              conversation={conversation}
              contact={contact}
              channelName={channelName(conversation.channel, conversation.channelType)}
              user={user}
              actions={actions}
              onTransfer={() => {
                setTransferred(false)
                setTransferring(true)
              }}
              contactOpen={contactOpen}
              onToggleContact={() => setContactOpen((open) => !open)}
              contactToggleRef={contactToggle}
            />
            <p class="visually-hidden" role="status" data-testid="transfer-status">
              {transferred ? t('transfer.done') : ''}
            </p>
            <ConversationWorkOrders
              conversationId={conversationId}
              contactName={contact.name}
              socket={socket}
              meta={workOrderMeta}
              onOpenWorkOrder={onOpenWorkOrder}
            />
            {transferring && (
              <TransferDialog
                conversation={conversation}
                contactName={contact.name}
                user={user}
                knownQueues={knownQueues}
                queueName={queueName}
                onTransferred={onTransferred}
                onClose={() => setTransferring(false)}
              />
            )}
            {conversation.channelType === 'voice' && <VoiceCallBar softphone={softphone} conversation={conversation} entries={entries} />}
            <Transcript
              entries={entries}
              contact={contact}
              authorName={user.name}
              hasEarlier={open.hasEarlier}
              loadingEarlier={open.loadingEarlier}
              onLoadEarlier={open.loadEarlier}
              sender={sender}
              channelSendsTemplates={channel?.capabilities?.templates === true}
              resender={resender}
            />
            <TemplateResendStatus resender={resender} />
            <div class="typing-indicator" role="status" data-testid="typing-indicator">
              {open.typingName !== null ? t('typing.contact', { name: open.typingName || contact.name }) : ''}
            </div>
            <ReplyWindowWarning lastInboundAt={conversation.lastInboundAt} capabilities={channel?.capabilities} />
            <Composer
              conversationId={conversationId}
              contactName={contact.name}
              messageTypes={channel?.capabilities?.messageTypes}
              channelType={channel?.type}
              onSend={sender.send}
              onTyping={onTyping}
              queue={conversation.queue}
              user={user}
              hotlineName={hubName(language) ?? t('hotline.name')}
              canned={canned}
            />
          </div>
          <ContactPanel
            key={contact.id}
            contact={contact}
            user={user}
            conversationId={conversationId}
            channelName={(id) => channelName(id)}
            onOpen={onOpen}
            drawer={{ open: contactOpen, onClose: closeContact, toggle: contactToggle }}
          />
        </div>
      )}
    </main>
  )
}

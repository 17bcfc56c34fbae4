/** Frame strings by language. The loader does not import this (it needs only the launcher strings). */
import type { Catalogue } from '../../../ui-kit/i18n.js'
import { frame as en } from './en.js'
import type { FrameKey, Lang } from './languages.js'
import { frame as zhCN } from './zh-CN.js'

export type FrameStrings = Catalogue<FrameKey>

export const FRAME_STRINGS: Record<Lang, FrameStrings> = { 'zh-CN': zhCN, en }

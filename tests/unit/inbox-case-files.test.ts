import { describe, expect, it } from 'vitest'
import { attachmentStatusText } from '../../inbox/src/api/attachment-error-text.js'
import { translator } from '../../inbox/src/i18n/languages.js'
import {
  CASE_FILE_TYPES,
  type CaseFile,
  isUploading,
  MAX_CASE_FILES,
  replyAttachments,
  sortPicked,
  withoutFile,
  withProgress,
  withUploaded,
} from '../../inbox/src/state/case-files.js'
import { MAX_ATTACHMENT_BYTES } from '../../inbox/src/state/compose-attachment.js'
import { UPLOADABLE } from '../../server/http/upload.js'

const file = (name: string, type: string, size = 1000) => ({ name, type, size })
const uploading = (key: number, name: string): CaseFile => ({ key, name, size: 10, preview: null, phase: 'uploading', progress: null })
const stored = (name: string) => ({ url: `/api/media/med_${name}`, mimeType: 'application/pdf', size: 12 })

describe('the files of a reply to a case', () => {
  it('offers every type the hub takes from staff, whatever the channel', () => {
    expect([...CASE_FILE_TYPES.mimeTypes].sort()).toEqual([...UPLOADABLE].sort())
    expect(CASE_FILE_TYPES.accept).toContain('.pdf')
    expect(CASE_FILE_TYPES.accept).toContain('.amr')
  })

  it('uploads what passes the checks, with the type to send, and says why the others do not go', () => {
    const pdf = file('回执.pdf', 'application/pdf')
    const voice = file('voice.amr', '')
    const page = file('page.html', 'text/html')
    const empty = file('empty.png', 'image/png', 0)
    const huge = file('video.mp4', 'video/mp4', MAX_ATTACHMENT_BYTES + 1)
    const sorted = sortPicked([pdf, page, voice, empty, huge], 0)
    expect(sorted.accepted).toEqual([
      { file: pdf, mimeType: 'application/pdf' },
      { file: voice, mimeType: 'audio/amr' },
    ])
    expect(sorted.refused).toEqual([
      { file: page, reason: 'type' },
      { file: empty, reason: 'empty' },
      { file: huge, reason: 'too-large' },
    ])
  })

  it('takes at most 20 files in all, counting those already chosen', () => {
    const picked = Array.from({ length: 4 }, (_, index) => file(`${index}.jpg`, 'image/jpeg'))
    const sorted = sortPicked(picked, MAX_CASE_FILES - 2)
    expect(sorted.accepted.map((entry) => entry.file.name)).toEqual(['0.jpg', '1.jpg'])
    expect(sorted.refused).toEqual([
      { file: picked[2], reason: 'too-many' },
      { file: picked[3], reason: 'too-many' },
    ])
    // A refused type is said as such, even past the limit.
    expect(sortPicked([file('x.exe', '')], MAX_CASE_FILES).refused[0]?.reason).toBe('type')
  })

  it('follows each upload by its key and names only the stored files, in the order chosen', () => {
    let files: CaseFile[] = [uploading(0, 'a.pdf'), uploading(1, 'a.pdf'), uploading(2, 'c.pdf')]
    expect(isUploading(files)).toBe(true)
    files = withProgress(files, 1, 0.5)
    expect(files.map((entry) => (entry.phase === 'uploading' ? entry.progress : 'ready'))).toEqual([null, 0.5, null])
    files = withUploaded(files, 1, stored('b'))
    files = withUploaded(files, 0, { ...stored('a'), name: '整改回执.pdf' })
    // The hub answers without a name when none was given: the picked file's name stays.
    expect(replyAttachments(files)).toEqual([
      { ...stored('a'), name: '整改回执.pdf' },
      { ...stored('b'), name: 'a.pdf' },
    ])
    expect(files[1]).toMatchObject({ phase: 'ready', size: 12 })
    // Progress after the upload ended changes nothing.
    expect(withProgress(files, 1, 0.9)).toEqual(files)
    files = withoutFile(files, 2)
    expect(isUploading(files)).toBe(false)
    expect(files.map((entry) => entry.key)).toEqual([0, 1])
    // A file removed while uploading stays removed when its upload ends.
    expect(withUploaded(files, 2, stored('c'))).toEqual(files)
  })

  it('says in the status line what became of a file, in either language (the composer says the same)', () => {
    const en = translator('en')
    const zh = translator('zh-CN')
    expect(attachmentStatusText({ kind: 'uploading', name: 'a.pdf' }, en, 'en')).toBe('Uploading a.pdf…')
    expect(attachmentStatusText({ kind: 'attached', name: 'a.pdf', size: 1536 }, en, 'en')).toBe('a.pdf attached (1.5 KB).')
    expect(attachmentStatusText({ kind: 'attached', name: '回执.pdf', size: 100 }, zh, 'zh-CN')).toBe('已添加附件 回执.pdf（100 字节）。')
    expect(attachmentStatusText({ kind: 'removed' }, en, 'en')).toBe('Attachment removed.')
    expect(attachmentStatusText({ kind: 'cancelled' }, zh, 'zh-CN')).toBe('已取消上传。')
    expect(attachmentStatusText(null, en, 'en')).toBe('')
  })
})

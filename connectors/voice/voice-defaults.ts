/**
 * Defaults for the voice channel: per-language voices and the standard prompts, in Simplified
 * Chinese and English. Voices and speech languages are Twilio's (channels.md C5); a prompt text
 * may use `{position}`, `{minutes}`, `{name}` or `{key}` where the prompt says so.
 */
export const DEFAULT_VOICE_LANGUAGES = {
  'zh-CN': { sayLanguage: 'zh-CN', voice: 'Polly.Zhiyu', speechLanguage: 'cmn-Hans-CN' },
  en: { sayLanguage: 'en-US', voice: 'Polly.Joanna', speechLanguage: 'en-US' },
}

export const DEFAULT_VOICE_PROMPTS = {
  /** In the language menu, once per language, with `{key}` the key that picks it. */
  languageChoice: { 'zh-CN': '普通话服务请按{key}。', en: 'For English, press {key}.' },
  closed: {
    'zh-CN': '您好，现在是非工作时间。请在提示音后留言，并留下您的联系电话，我们会在工作时间尽快回复您。',
    en: 'Thank you for calling. We are closed now. Please leave a message with your phone number after the tone, and we will call you back during working hours.',
  },
  /** `{name}`: the holiday's name when the calendar gives one. */
  holiday: {
    'zh-CN': '您好，{name}假期期间人工服务暂停。请在提示音后留言，我们会在假期后尽快回复您。',
    en: 'Thank you for calling. Our agents are off for the {name} holiday. Please leave a message after the tone and we will call you back after the holiday.',
  },
  noInput: { 'zh-CN': '对不起，我们没有收到您的按键。', en: 'Sorry, we did not receive your choice.' },
  invalidInput: { 'zh-CN': '对不起，您的输入有误。', en: 'Sorry, that is not a valid choice.' },
  goodbye: { 'zh-CN': '感谢您的来电，再见。', en: 'Thank you for calling. Goodbye.' },
  voicemail: {
    'zh-CN': '请在提示音后留言，说明您的诉求和联系电话，按井号键结束。',
    en: 'Please leave your message and phone number after the tone. Press the pound key when you are done.',
  },
  voicemailThanks: { 'zh-CN': '您的留言已收到，我们会尽快处理。再见。', en: 'We have received your message and will get back to you soon. Goodbye.' },
  caseLookup: { 'zh-CN': '请输入您的工单编号，以井号键结束。', en: 'Please enter your case number, followed by the pound key.' },
  caseLookupInvalid: { 'zh-CN': '对不起，工单编号的位数不正确。', en: 'Sorry, that case number does not have the right number of digits.' },
  caseLookupNotFound: { 'zh-CN': '对不起，没有查到这个工单编号。', en: 'Sorry, we could not find that case number.' },
  caseLookupUnavailable: { 'zh-CN': '对不起，查询服务暂时不可用，请稍后再试。', en: 'Sorry, case lookup is not available right now. Please try again later.' },
  queueEnter: { 'zh-CN': '正在为您转接人工服务，请稍候。', en: 'Please hold while we connect you to an agent.' },
  /** `{position}`: place in the queue; `{minutes}`: average wait, rounded up. */
  queuePosition: { 'zh-CN': '您前面还有{position}位来电，请耐心等待。', en: 'You are number {position} in line. Thank you for waiting.' },
  queueOverflow: { 'zh-CN': '对不起，坐席全忙。', en: 'Sorry, all our agents are busy.' },
}

export type VoicePromptName = keyof typeof DEFAULT_VOICE_PROMPTS

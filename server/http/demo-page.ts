/**
 * The page `npm start` opens: a stand-in for a city government's website with
 * the widget embedded exactly as a real site would embed it (one script tag).
 */
import type { HubContext } from '../hub-context.js'

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)

export function renderDemoPage(context: HubContext): string {
  const webchat = [...context.channels.values()].find((channel) => channel.connector.type === 'webchat')
  const hubName = context.config.hub.name
  const script = webchat
    ? `<script src="/widget.js" data-channel="${escapeHtml(webchat.config.id)}" async></script>`
    : '<!-- no webchat channel is configured -->'
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(hubName['zh-CN'])} · ${escapeHtml(hubName.en)}</title>
<style>
  body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2328; background: #f6f7f9; }
  header { background: #b3261e; color: #fff; padding: 20px 24px; }
  header h1 { margin: 0; font-size: 1.5rem; }
  header p { margin: 4px 0 0; }
  main { max-width: 880px; margin: 0 auto; padding: 24px; }
  section { background: #fff; border-radius: 8px; padding: 16px 24px; margin-bottom: 16px; box-shadow: 0 1px 2px rgb(0 0 0 / 8%); }
  h2 { font-size: 1.15rem; margin-top: 0; }
  a { color: #0b57d0; }
  footer { text-align: center; color: #57606a; font-size: .875rem; padding: 24px; }
</style>
</head>
<body>
<header>
  <h1>${escapeHtml(hubName['zh-CN'])}</h1>
  <p lang="en">${escapeHtml(hubName.en)}</p>
</header>
<main>
  <section aria-labelledby="about">
    <h2 id="about">有诉即办 · We are here to help</h2>
    <p>咨询政策、求助办事、投诉举报、意见建议，均可拨打 12345 或点击右下角“在线咨询”。</p>
    <p lang="en">Questions about city services, requests for help, complaints and suggestions: call 12345 or use “Chat with us” at the bottom right.</p>
  </section>
  <section aria-labelledby="hours">
    <h2 id="hours">服务时间 · Hours</h2>
    <p>电话热线 7×24 小时；在线客服 8:00–22:00。<span lang="en">Phone: 24/7. Online chat: 8:00–22:00.</span></p>
  </section>
  <section aria-labelledby="privacy">
    <h2 id="privacy">个人信息保护 · Privacy</h2>
    <p>您提供的个人信息仅用于办理您的诉求，依法保护。<span lang="en">Your personal information is used only to handle your request and is protected by law.</span></p>
  </section>
</main>
<footer>Switchboard demo page · 演示页面</footer>
${script}
</body>
</html>`
}

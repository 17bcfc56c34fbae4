/**
 * The browser apps (built by Vite into dist/) and the demo government page.
 * Each gets the framing policy it needs: the widget frame only inside allowed
 * sites, the inbox never inside a frame.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { isWebchatConnector } from '../../../connectors/webchat/index.js'
import type { HubContext } from '../../hub-context.js'
import type { AppEnv } from '../app-env.js'
import { renderDemoPage } from '../demo-page.js'

export function staticRoutes(context: HubContext, distDir: string) {
  const app = new Hono<AppEnv>()
  const root = path.relative(process.cwd(), distDir) || '.'
  const missing = (what: string) => `${what} is not built yet: run npm run build:ui`

  app.get('/', (c) => c.html(renderDemoPage(context)))

  app.get('/widget.js', async (c, next) => {
    c.header('Cache-Control', 'public, max-age=300')
    c.header('Access-Control-Allow-Origin', '*')
    await next()
  })
  app.get('/widget.js', serveStatic({ root, rewriteRequestPath: () => '/widget/widget.js' }))

  app.get('/widget/frame.html', async (c, next) => {
    const channel = context.channels.get(c.req.query('channel') ?? '')
    const origins = channel && isWebchatConnector(channel.connector) ? channel.connector.config.allowedOrigins : []
    const ancestors = origins.length === 0 ? "'none'" : origins.includes('*') ? '*' : origins.join(' ')
    c.header('Content-Security-Policy', `frame-ancestors ${ancestors}`)
    c.header('Cache-Control', 'no-cache')
    await next()
  })
  app.get('/widget/*', serveStatic({ root }))

  const inboxIndex = path.join(distDir, 'inbox', 'index.html')
  app.use('/inbox/*', async (c, next) => {
    c.header('Content-Security-Policy', "frame-ancestors 'none'")
    c.header('X-Frame-Options', 'DENY')
    await next()
  })
  app.get('/inbox', (c) => c.redirect('/inbox/'))
  app.get('/inbox/*', serveStatic({ root }))
  // Client-side routes of the single-page inbox all load index.html.
  app.get('/inbox/*', (c) => (existsSync(inboxIndex) ? c.html(readFileSync(inboxIndex, 'utf8')) : c.text(missing('The inbox'), 503)))
  return app
}

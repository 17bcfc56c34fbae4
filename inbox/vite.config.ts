/**
 * Agent inbox build: `vite build --config inbox/vite.config.ts` from the repo root
 * writes dist/inbox/, which the hub serves under /inbox/ (index.html for any
 * /inbox/* path that is not a file). `base` must match APP_BASE in src/state/route.ts.
 *
 * `vite --config inbox/vite.config.ts` serves it for development, proxying the
 * API and socket to a hub on SWITCHBOARD_HUB_URL (default http://127.0.0.1:3000).
 */
import { fileURLToPath } from 'node:url'
import preact from '@preact/preset-vite'
import { defineConfig } from 'vite'

const hub = process.env.SWITCHBOARD_HUB_URL ?? 'http://127.0.0.1:3000'

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/inbox/',
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../dist/inbox', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': hub,
      '/ws': { target: hub, ws: true },
    },
  },
})

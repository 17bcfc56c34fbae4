/**
 * Two outputs in dist/widget/, because they have opposite needs:
 * - loader (`--mode loader`): widget.js, one classic IIFE script with a stable name,
 *   embedded by government pages; no framework, no chunks, no hash.
 * - frame (`--mode frame`): frame.html + hashed assets under base /widget/, the preact
 *   chat UI that loads only inside the iframe.
 * Without a mode (as `npm run build:ui` calls it) the frame is built, then the loader.
 */
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import preact from '@preact/preset-vite'
import { build, defineConfig, type Plugin, type UserConfig } from 'vite'

const configFile = fileURLToPath(import.meta.url)
const widgetDir = fileURLToPath(new URL('.', import.meta.url))
const outDir = fileURLToPath(new URL('../dist/widget/', import.meta.url))

const loaderConfig: UserConfig = {
  root: widgetDir,
  publicDir: false,
  build: {
    outDir,
    // The frame's files share the folder; each build removes only what it writes.
    emptyOutDir: false,
    copyPublicDir: false,
    lib: {
      entry: fileURLToPath(new URL('src/loader/index.ts', import.meta.url)),
      formats: ['iife'],
      name: 'SwitchboardWidgetLoader',
      fileName: () => 'widget.js',
    },
    // Host pages of government sites include old browsers; the loader must at least not crash there.
    target: 'es2019',
    sourcemap: false,
  },
  plugins: [removeStale(['widget.js'])],
}

const frameConfig: UserConfig = {
  root: widgetDir,
  base: '/widget/',
  publicDir: false,
  plugins: [preact(), removeStale(['frame.html', 'assets'])],
  build: {
    outDir,
    emptyOutDir: false,
    rolldownOptions: { input: fileURLToPath(new URL('frame.html', import.meta.url)) },
  },
  // `vite --config widget/vite.config.ts`: set SWITCHBOARD_DEV_API to the hub's URL to try the frame against it.
  server: process.env.SWITCHBOARD_DEV_API
    ? {
        proxy: {
          '/api': process.env.SWITCHBOARD_DEV_API,
          '/ws': { target: process.env.SWITCHBOARD_DEV_API, ws: true },
        },
      }
    : {},
}

/** Deletes this build's previous outputs (stale hashed chunks) without touching the other build's. */
function removeStale(names: string[]): Plugin {
  return {
    name: 'switchboard-widget-remove-stale',
    apply: 'build',
    buildStart() {
      for (const name of names) rmSync(`${outDir}${name}`, { recursive: true, force: true })
    },
  }
}

/** Default mode: after the frame, build the loader in the same command. */
function thenBuildLoader(): Plugin {
  return {
    name: 'switchboard-widget-then-loader',
    apply: 'build',
    async closeBundle() {
      await build({ configFile, mode: 'loader' })
    },
  }
}

export default defineConfig(({ mode }) => {
  if (mode === 'loader') return loaderConfig
  if (mode === 'frame') return frameConfig
  return { ...frameConfig, plugins: [...(frameConfig.plugins ?? []), thenBuildLoader()] }
})

/**
 * Launcher and panel styles, scoped by the shadow root so the host page's CSS cannot
 * break them and ours cannot leak. Colours meet WCAG AA: white on #0b5cad is 6.6:1,
 * white on #b3261e is 6.5:1. The focus ring is a white + dark double ring so it
 * stays visible on light and dark host pages; the transparent outline keeps a ring
 * in Windows forced-colours mode, where box-shadow is dropped.
 */
export const LOADER_CSS = `
:host{all:initial}
.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;box-sizing:border-box;width:56px;height:56px;margin:0;padding:0;border:0;border-radius:50%;background:#0b5cad;color:#fff;cursor:pointer;display:flex;align-items:center;justify-content:center;box-shadow:0 2px 10px rgba(0,0,0,.3);font:14px/1 system-ui,sans-serif}
.launcher:hover{background:#094c8f}
.launcher:focus{outline:none}
.launcher:focus-visible{outline:3px solid transparent;box-shadow:0 0 0 3px #fff,0 0 0 6px #0b1f33}
.launcher svg{width:28px;height:28px;fill:currentColor}
.badge{position:absolute;top:-4px;right:-4px;box-sizing:border-box;min-width:22px;height:22px;padding:0 6px;border:2px solid #fff;border-radius:11px;background:#b3261e;color:#fff;font:700 12px/18px system-ui,sans-serif;text-align:center}
.badge[hidden]{display:none}
.panel{position:fixed;right:20px;bottom:88px;z-index:2147483000;box-sizing:border-box;width:380px;max-width:calc(100vw - 40px);height:min(640px,calc(100vh - 108px));border:0;border-radius:12px;background:#fff;box-shadow:0 8px 32px rgba(0,0,0,.28);color-scheme:light}
.panel[hidden]{display:none}
@media (max-width:480px),(max-height:500px){.panel{inset:0;width:100%;max-width:none;height:100%;border-radius:0}}
@media (prefers-reduced-motion:no-preference){.launcher{transition:transform .15s ease,background-color .15s ease}.launcher:hover{transform:scale(1.06)}}
`

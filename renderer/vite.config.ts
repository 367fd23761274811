/**
 * Builds the renderer into out/renderer. `base: './'`: Electron serves it on app://cidx-tray
 * and browser mode from /; no inline scripts (CSP `script-src 'self'`) and nothing
 * fetched at run time (no CDN, no external fonts).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    // Inlined assets become data: URLs, which the CSP does not allow for scripts; keep files.
    assetsInlineLimit: 0,
    // Vite's module-preload polyfill is an inline script; modern Chromium does not need it.
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'chrome130',
  },
});

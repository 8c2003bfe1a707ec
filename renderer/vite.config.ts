import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * @fontsource lists every subset as woff2 with a woff fallback. Chromium (browser mode and every
 * Electron version) reads woff2, so the fallback only doubled the bundle: drop it before Vite copies
 * the font files.
 */
function woff2Only(): Plugin {
  return {
    name: 'woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('@fontsource') || !id.endsWith('.css')) return null;
      return code.replace(/,\s*url\([^)]*\.woff\)\s*format\('woff'\)/g, '');
    },
  };
}

// base './' keeps asset URLs relative, so the same build loads from the loopback host and from the
// desktop shell's custom protocol without rewriting.
export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [react(), woff2Only()],
  build: {
    outDir: here('../dist/renderer'),
    emptyOutDir: true,
    // The app runs offline on old bureau PCs: no source maps leaking paths, one predictable bundle.
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});

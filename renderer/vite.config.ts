import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

// base './' keeps asset URLs relative, so the same build loads from the loopback host and from the
// desktop shell's custom protocol without rewriting.
export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [react()],
  build: {
    outDir: here('../dist/renderer'),
    emptyOutDir: true,
    // The app runs offline on old bureau PCs: no source maps leaking paths, one predictable bundle.
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});

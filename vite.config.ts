import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from app:// in Electron and from 127.0.0.1 in the harness,
// so every asset path is relative.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    // No inline data: URIs for scripts: the CSP allows only 'self'.
    assetsInlineLimit: 0,
    // The passphrase estimator's dictionaries (2 MB) are one lazily loaded chunk by design.
    chunkSizeWarningLimit: 2500,
  },
});

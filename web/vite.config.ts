// The web UI's build: web/src -> dist/web, served by `passerelle serve` from the package (no CDN).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: path.join(here, '..', 'dist', 'web'),
    emptyOutDir: true,
    sourcemap: true,
    // One page for a local service: a single bundle is simpler than chunks and loads at once on loopback.
    chunkSizeWarningLimit: 1500,
  },
});

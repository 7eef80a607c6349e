import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

/** The console is served by the api under /console (same origin as /v1 and /auth). */
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/console'),
    emptyOutDir: true,
    sourcemap: true,
    manifest: true,
    // The first screen's budget is 300 KB gzipped: scripts/console-size.mjs checks it.
    chunkSizeWarningLimit: 800,
  },
  server: {
    port: Number(process.env.CONSOLE_DEV_PORT ?? 5173),
    proxy: {
      // The api on its usual port; the dev server is only for working on the console.
      '/v1': {
        target: process.env.CONSOLE_API_URL ?? 'http://localhost:3000',
        changeOrigin: false,
      },
      '/auth': {
        target: process.env.CONSOLE_API_URL ?? 'http://localhost:3000',
        changeOrigin: false,
      },
    },
  },
});

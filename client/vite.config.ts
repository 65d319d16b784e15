import react from '@vitejs/plugin-react';
import path from 'node:path';
import { defineConfig } from 'vite';
import { compileHints } from './vite-compile-hints';
import { precompress } from './vite-precompress';

// The client is built into dist/client and served by Express (server/http/client-pages.ts, which
// reads the manifest to preload the survey page's chunk and CSS); the dev server proxies the API.
export default defineConfig({
  root: path.resolve(__dirname),
  plugins: [react(), compileHints(), precompress()],
  build: {
    outDir: path.resolve(__dirname, '../dist/client'),
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 1700,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});

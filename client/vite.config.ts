import react from '@vitejs/plugin-react';
import path from 'node:path';
import { defineConfig } from 'vite';

// The client is built into dist/client and served by Express; the dev server proxies the API.
export default defineConfig({
  root: path.resolve(__dirname),
  plugins: [react()],
  build: {
    outDir: path.resolve(__dirname, '../dist/client'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1700,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});

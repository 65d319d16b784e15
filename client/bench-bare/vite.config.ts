import react from '@vitejs/plugin-react';
import path from 'node:path';
import { defineConfig } from 'vite';
import { precompress } from '../vite-precompress';

// The page benchmark's bare page (tests/bench/page.ts), built with the same precompression as
// Mera's client into the folder given by --outDir.
export default defineConfig({
  root: path.resolve(__dirname),
  plugins: [react(), precompress()],
  logLevel: 'warn',
  build: { emptyOutDir: true, chunkSizeWarningLimit: 5000 },
});

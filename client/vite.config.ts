import react from '@vitejs/plugin-react';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const compressible = /\.(js|css|html|svg|json|txt|map)$/;

/**
 * Writes a .br (brotli, best quality) and a .gz (gzip -9) beside every text asset once the
 * bundle is written, so the server sends precompressed bytes instead of compressing per request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'mera-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle() {
      const walk = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(outDir)) {
        if (!compressible.test(file) || file.includes(`${path.sep}.vite${path.sep}`)) continue;
        const raw = fs.readFileSync(file);
        if (raw.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(raw, { level: 9 }));
      }
    },
  };
}

// The client is built into dist/client and served by Express (server/http/client-pages.ts, which
// reads the manifest to preload the survey page's chunk and CSS); the dev server proxies the API.
export default defineConfig({
  root: path.resolve(__dirname),
  plugins: [react(), precompress()],
  build: {
    outDir: path.resolve(__dirname, '../dist/client'),
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 1700,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});

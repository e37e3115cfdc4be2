// The staff console (agent workspace, supervisor dashboard, admin) as one single-page app served
// under /console/ by the server, which falls back to index.html for every path below it.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));
const devServer = process.env.WALLETDESK_URL ?? 'http://localhost:8080';

export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  build: { outDir: join(root, 'dist'), emptyOutDir: true, target: 'es2020', chunkSizeWarningLimit: 800 },
  server: {
    port: 5174,
    proxy: { '/api': { target: devServer, ws: true }, '/help': devServer },
  },
});

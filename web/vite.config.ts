import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The web app, served by the Rolegraph server from web/dist in production.
 * In development Vite proxies /graphql (HTTP and WebSocket) to the server on
 * :4000, so the session cookie and the socket stay same-origin (`pnpm dev`
 * lists this server's origin in the server's ALLOWED_ORIGINS, which the
 * cookie-authenticated socket needs). The production build publishes no
 * source maps, and puts its content-hashed files under static/ — not Vite's
 * default assets/, which is one of the app's own routes (/assets, /assets/:id):
 * the server caches /static/* for good and answers a missing one with 404.
 */
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@rolegraph/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) },
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:4000', ws: true, changeOrigin: false },
      '/auth/sso': { target: 'http://127.0.0.1:4000', changeOrigin: false },
    },
  },
  build: { outDir: 'dist', assetsDir: 'static', sourcemap: false, chunkSizeWarningLimit: 2000 },
});

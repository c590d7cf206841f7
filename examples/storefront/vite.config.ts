import { defineConfig } from 'vite';
import { demoBackend } from './server/demoBackend.js';
import { tesseraUrl } from './server/settings.js';

// The browser calls Tessera at /graphql on the page's own origin; Vite
// forwards it to the server (TESSERA_URL), so no CORS setup is needed.
const tessera = tesseraUrl();
const proxy = {
  '/graphql': {
    target: tessera.origin,
    changeOrigin: true,
    rewrite: (path: string) => path.replace(/^\/graphql/, tessera.pathname),
  },
};

export default defineConfig({
  // Use @tessera/sdk's TypeScript sources in the browser bundle (no SDK build needed for it).
  resolve: { conditions: ['@tessera/source', 'module', 'browser', 'development|production'] },
  plugins: [demoBackend()],
  server: { host: '127.0.0.1', port: 5173, proxy },
  preview: { host: '127.0.0.1', port: 4173, proxy },
});

// Vite configuration of the admin console (react-admin SPA). Build from the repository root:
//   npx vite build --config admin-ui/vite.config.mts   → admin-ui/dist
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development (and `vite preview`) the backend paths are forwarded to the API server.
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? 3000}`;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change far less often than the app: separate chunks stay cached
        // across deployments (and each stays under Vite's 500 kB warning).
        codeSplitting: {
          groups: [
            { name: 'charts', test: /node_modules[\\/](@mui[\\/]x-charts|@mui[\\/]x-internals|d3-[^\\/]+)[\\/]/, priority: 4 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'mui', test: /node_modules[\\/](@mui|@emotion)[\\/]/, priority: 2 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/auth': apiTarget,
      '/healthz': apiTarget,
    },
  },
  // `preview.proxy` defaults to `server.proxy`.
});

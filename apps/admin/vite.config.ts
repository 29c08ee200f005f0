import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves the built console under /admin/; in development Vite proxies the API to it.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  // The workspace root holds an older React hoisted for other packages; antd, the router and the query
  // library must share this app's React, or hooks fail with two copies.
  resolve: { dedupe: ['react', 'react-dom'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: process.env.KAQUAN_API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/h5/',
  plugins: [react()],
  // The workspace root holds another React copy (pulled in by the admin console's dependencies);
  // antd-mobile and react-query must share this app's React or hooks break.
  resolve: { dedupe: ['react', 'react-dom'] },
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});

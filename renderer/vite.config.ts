import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The touch UI is built to dist/renderer and served by the browser host or loaded by Electron (file://). */
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(here, '../dist/renderer'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
    // Two entries: the citizen UI, and the technicians' service-mode screen (renderer/service/).
    rollupOptions: {
      input: {
        main: path.resolve(here, 'index.html'),
        service: path.resolve(here, 'service.html'),
      },
    },
  },
  server: { port: 5173, strictPort: false },
});

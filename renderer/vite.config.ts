import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The touch UI is built to dist/renderer and served by the browser host or loaded by Electron (file://):
 * index.html is the kiosk, sim.html the simulator panel (useful only where devices are simulated). The screen
 * gallery (gallery.html) has its own configuration, gallery/vite.config.ts, and never ships.
 */
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(here, '../dist/renderer'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      input: { index: path.resolve(here, 'index.html'), sim: path.resolve(here, 'sim.html') },
      // React, i18next and the catalogues, shared by the kiosk and the simulator panel.
      output: { chunkFileNames: 'assets/shared-[hash].js' },
    },
  },
  server: { port: 5173, strictPort: false },
});

import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The touch UI is built to dist/renderer and served by the browser host or loaded by Electron (file://):
 * index.html is the kiosk, sim.html the simulator panel (useful only where devices are simulated), service.html the
 * technicians' service mode. The screen
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
    // Entries: the citizen UI, the simulator panel (demo only) and the technicians' service-mode screen.
    rolldownOptions: {
      input: {
        index: path.resolve(here, 'index.html'),
        sim: path.resolve(here, 'sim.html'),
        service: path.resolve(here, 'service.html'),
      },
      // React, i18next and the catalogues, shared by the entries.
      output: { chunkFileNames: 'assets/shared-[hash].js' },
    },
  },
  server: { port: 5173, strictPort: false },
});

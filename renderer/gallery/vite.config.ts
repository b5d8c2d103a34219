import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const renderer = path.resolve(here, '..');

/** The screen gallery: test and design review only, built apart from the kiosk UI so it never ships. */
export default defineConfig({
  root: renderer,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(renderer, '../dist/renderer-gallery'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2048,
    rolldownOptions: { input: { gallery: path.resolve(renderer, 'gallery.html') } },
  },
});

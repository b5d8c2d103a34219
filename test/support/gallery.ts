import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../kiosk/host/csp';
import { REPO_ROOT } from './kiosk-process';

/**
 * The renderer's screen gallery (renderer/gallery.html): every fixture view rendered without a kiosk, served from
 * loopback on a free port with the kiosk's own Content-Security-Policy. Built on demand because it never ships.
 */
export const GALLERY_DIR = path.join(REPO_ROOT, 'dist/renderer-gallery');

export function buildGallery(): void {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/gallery/vite.config.ts', '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
}

export type GalleryServer = { readonly url: string; close(): Promise<void> };

export async function startGalleryServer(): Promise<GalleryServer> {
  const app = Fastify({ logger: false });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return payload;
  });
  await app.register(fastifyStatic, { root: GALLERY_DIR, index: 'gallery.html' });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: `${address}/gallery.html`, close: () => app.close() };
}

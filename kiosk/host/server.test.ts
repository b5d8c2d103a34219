import http from 'node:http';
import { silentLogger } from '../../common/log';
import type { ViewModel } from '../../state-machines/view-model';
import { createApiHandlers } from '../api/handlers';
import { unconnectedRuntime } from '../session/testing';
import { startBrowserHost, type BrowserHost } from './server';

let host: BrowserHost;

beforeEach(async () => {
  const session = unconnectedRuntime();
  host = await startBrowserHost({ handlers: createApiHandlers(session), host: '127.0.0.1', port: 0, rendererDir: null, log: silentLogger() });
});
afterEach(() => host.close());

const post = (body: string) =>
  fetch(`${host.url}/api/command`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

/** Reads server-sent events until `count` views arrived. */
function readViews(count: number): Promise<ViewModel[]> {
  return new Promise((resolve, reject) => {
    const views: ViewModel[] = [];
    const request = http.get(`${host.url}/api/stream`, (response) => {
      let buffer = '';
      response.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (data) views.push(JSON.parse(data) as ViewModel);
          if (views.length === count) {
            request.destroy();
            resolve(views);
          }
        }
      });
    });
    request.on('error', (error) => (views.length === count ? undefined : reject(error)));
  });
}

describe('the browser host', () => {
  it('takes commands over HTTP and streams the new views', async () => {
    const streamed = readViews(3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await post('{"type":"touch"}')).status).toBe(200);
    expect((await post('{"type":"chooseLanguage","language":"en"}')).status).toBe(200);
    const views = await streamed;
    expect(views.map((view) => view.screen)).toEqual(['attract', 'language', 'choose-document']);
    const current = (await (await fetch(`${host.url}/api/view`)).json()) as ViewModel;
    expect(current).toMatchObject({ screen: 'choose-document', language: 'en' });
  });

  it('answers bad input with a clear error and a 4xx status', async () => {
    const garbage = await post('{not json');
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toMatchObject({ accepted: false, reason: 'invalid-command' });
    const unknown = await post('{"type":"dance"}');
    expect(unknown.status).toBe(400);
    const wrongScreen = await post('{"type":"selectDocument","code":"basic"}');
    expect(wrongScreen.status).toBe(409);
    expect(await wrongScreen.json()).toMatchObject({ reason: 'not-now' });
    const huge = await post(JSON.stringify({ type: 'touch', pad: 'x'.repeat(64 * 1024) }));
    expect(huge.status).toBe(413);
  });

  it('sends a strict Content-Security-Policy and says when the UI is not built', async () => {
    const response = await fetch(`${host.url}/`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.text()).toContain('npm run build:renderer');
  });
});

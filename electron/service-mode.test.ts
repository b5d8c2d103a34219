import { SERVICE_SCREEN_FROM_CITIZEN } from '../renderer/components/technician-entry';
import { kioskWindowNavigation, loopbackOrigin, serviceScreenUrl, serviceWindowNavigation } from './service-mode';

/** The service window's URL and navigation rules: the service screen of exactly the loopback origin, nothing else. */
describe('the service window', () => {
  it('reaches the shell’s host on loopback, at the port it really listens on', () => {
    expect(loopbackOrigin('127.0.0.1', 8080)).toBe('http://127.0.0.1:8080');
    expect(loopbackOrigin('0.0.0.0', 43121)).toBe('http://127.0.0.1:43121');
    expect(loopbackOrigin('::', 8080)).toBe('http://127.0.0.1:8080');
    expect(loopbackOrigin('::1', 8080)).toBe('http://[::1]:8080');
    expect(loopbackOrigin('LOCALHOST', 80)).toBe('http://localhost');
  });

  it('opens the service screen the way the citizen screen’s entry does', () => {
    expect(serviceScreenUrl('http://127.0.0.1:8080')).toBe(`http://127.0.0.1:8080${SERVICE_SCREEN_FROM_CITIZEN}`);
  });

  it.each([
    ['http://127.0.0.1:8080/service.html?from=citizen', 'allow'],
    ['http://127.0.0.1:8080/service', 'allow'],
    ['http://127.0.0.1:8080/', 'return'],
    ['http://127.0.0.1:8080/index.html', 'return'],
    ['http://127.0.0.1:8080/sim.html', 'deny'],
    ['http://127.0.0.1:8080/gallery.html', 'deny'],
    ['http://127.0.0.1:8080/service/api/logs/service-export.jsonl', 'deny'],
    ['http://127.0.0.1:8081/service.html', 'deny'],
    ['http://localhost:8080/service.html', 'deny'],
    ['https://127.0.0.1:8080/service.html', 'deny'],
    ['http://user:pw@127.0.0.1:8080/service.html', 'deny'],
    ['https://evil.example/service.html', 'deny'],
    ['file:///opt/kiosk/resources/app.asar/dist/renderer/index.html', 'deny'],
    ['not a url', 'deny'],
  ] as const)('%s → %s', (url, decision) => {
    expect(serviceWindowNavigation(url, 'http://127.0.0.1:8080')).toBe(decision);
  });

  it('leaves the kiosk window to the renderer’s own files, the loopback host included', () => {
    const files = 'file:///opt/kiosk/resources/app.asar/dist/renderer';
    expect(kioskWindowNavigation(`${files}/index.html`, files)).toBe('allow');
    expect(kioskWindowNavigation('http://127.0.0.1:8080/service.html', files)).toBe('deny');
  });
});

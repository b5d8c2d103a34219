import { inspect } from 'node:util';
import { PrivateText } from './private-text';

describe('PrivateText', () => {
  it('reveals on request and masks every other text form', () => {
    const name = new PrivateText('홍길동');
    expect(name.reveal()).toBe('홍길동');
    expect(String(name)).toBe('홍*동');
    expect(JSON.stringify({ name })).toBe('{"name":"홍*동"}');
    expect(inspect(name)).toBe('PrivateText(홍*동)');
    expect(new PrivateText('남궁민수').masked()).toBe('남**수');
    expect(new PrivateText('이솔').masked()).toBe('이*');
    name.wipe();
    expect(name.reveal()).toBe('');
  });
});

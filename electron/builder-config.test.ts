import Ajv from 'ajv';
import yaml from 'js-yaml';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** electron-builder cannot run here (no Electron binary), so its configuration is checked against its own schema. */
const require = createRequire(import.meta.url);
const root = path.join(__dirname, '..');

describe('electron-builder.yml', () => {
  const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('is valid against electron-builder’s schema', () => {
    const schema = require('app-builder-lib/scheme.json') as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('builds AppImage and deb for Linux and nsis for Windows, rebuilding native modules', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('packs the files the shell loads', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(config.files).toContain('dist/electron/**');
    expect(config.files).toContain('dist/renderer/**');
  });
});

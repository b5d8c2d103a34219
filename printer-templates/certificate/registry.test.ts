import { RECORD_KIND_OF_FAMILY } from '../../catalog/records';
import { ALL_DOCUMENT_CODES } from '../fixtures/records';
import { documentOf } from '../../catalog';
import { CERTIFICATE_TEMPLATES } from './registry';

describe('template registry', () => {
  it.each(ALL_DOCUMENT_CODES)('%s has a template for its family record', (code) => {
    const template = CERTIFICATE_TEMPLATES[code];
    expect(template?.recordKind).toBe(RECORD_KIND_OF_FAMILY[documentOf(code).family]);
  });

  it('has nothing beyond the catalogue', () => {
    expect(Object.keys(CERTIFICATE_TEMPLATES).sort()).toEqual([...ALL_DOCUMENT_CODES].sort());
  });
});

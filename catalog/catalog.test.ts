import { DOCUMENTS, defaultOptions, findDocument, isDocumentCode, resolveOptions } from '.';

describe('the catalogue of 36 documents', () => {
  it('has 36 entries numbered 1–36 with unique codes', () => {
    expect(DOCUMENTS).toHaveLength(36);
    expect(DOCUMENTS.map((document) => document.no)).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
    expect(new Set(DOCUMENTS.map((document) => document.code)).size).toBe(36);
  });

  it('carries the fees and identity rules of the domain table', () => {
    const fee = (code: string) => findDocument(code)?.fee;
    expect(fee('resident-copy')).toEqual({ perCopy: 200, perExtraPage: 0 });
    expect(fee('removed-register-abstract')).toEqual({ perCopy: 300, perExtraPage: 0 });
    expect(fee('land-ledger')).toEqual({ perCopy: 500, perExtraPage: 100 });
    expect(fee('land-price')?.perCopy).toBe(800);
    expect(fee('land-use-plan')?.perCopy).toBe(1000);
    expect(fee('fishing-vessel')?.perCopy).toBe(700);
    expect(fee('military-service')?.perCopy).toBe(0);
    const withoutIdentity = DOCUMENTS.filter((document) => !document.identityRequired).map((document) => document.no);
    expect(withoutIdentity).toEqual([11, 12, 13, 14, 15, 16, 22]);
    const total = DOCUMENTS.reduce((sum, document) => sum + document.fee.perCopy, 0);
    expect(total).toBe(12_100);
  });

  it('names every document in Korean and English and groups them for browsing, at most 8 per group', () => {
    for (const document of DOCUMENTS) {
      expect(document.name.ko).toMatch(/[가-힣]/);
      expect(document.name.en).toMatch(/^[A-Z]/);
      expect(document.source.ko.length).toBeGreaterThan(0);
    }
    const groups = new Map<string, number>();
    for (const document of DOCUMENTS) groups.set(document.group, (groups.get(document.group) ?? 0) + 1);
    expect(groups.size).toBe(6);
    for (const count of groups.values()) expect(count).toBeLessThanOrEqual(8);
  });

  it('types every option, with a default of the option’s own type', () => {
    for (const document of DOCUMENTS) {
      const keys = document.options.map((option) => option.key);
      expect(new Set(keys).size, document.code).toBe(keys.length);
      for (const option of document.options) {
        switch (option.kind) {
          case 'boolean':
            expect(typeof option.default).toBe('boolean');
            break;
          case 'choice':
            expect(option.choices.map((choice) => choice.value)).toContain(option.default);
            break;
          case 'text':
            expect(new RegExp(option.pattern, 'u').test(option.example), `${document.code}.${option.key}`).toBe(true);
            break;
          case 'number':
            expect(option.default).toBeGreaterThanOrEqual(option.min);
            expect(option.default).toBeLessThanOrEqual(option.max);
            break;
        }
      }
    }
  });

  it('issues family-relation certificates in office hours only', () => {
    const officeOnly = DOCUMENTS.filter((document) => document.availability === 'office-hours').map((document) => document.no);
    expect(officeOnly).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it('resolves the citizen’s options over the defaults and refuses wrong ones', () => {
    const copy = findDocument('resident-copy')!;
    expect(resolveOptions(copy, {})).toEqual({ ok: true, value: defaultOptions(copy) });
    expect(resolveOptions(copy, { maskResidentNumbers: false })).toMatchObject({ ok: true, value: { maskResidentNumbers: false } });
    expect(resolveOptions(copy, { maskResidentNumbers: 'yes' })).toEqual({
      ok: false,
      error: [{ key: 'maskResidentNumbers', problem: 'wrong-type' }],
    });
    expect(resolveOptions(copy, { colour: true })).toMatchObject({ ok: false, error: [{ key: 'colour', problem: 'unknown' }] });

    const vehicle = findDocument('vehicle-register-a')!;
    expect(resolveOptions(vehicle, {}).ok).toBe(false);
    expect(resolveOptions(vehicle, { plate: '12가3456' }).ok).toBe(true);
    expect(resolveOptions(vehicle, { plate: 'AB-1234' })).toMatchObject({ ok: false, error: [{ key: 'plate', problem: 'invalid' }] });
    const abstract = findDocument('resident-abstract')!;
    expect(resolveOptions(abstract, { addressHistory: 'forever' })).toMatchObject({ ok: false, error: [{ key: 'addressHistory', problem: 'invalid' }] });
  });

  it('knows its codes', () => {
    expect(isDocumentCode('resident-copy')).toBe(true);
    expect(isDocumentCode('passport')).toBe(false);
  });
});

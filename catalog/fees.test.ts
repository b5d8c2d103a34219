import { DEFAULT_FEE_SCHEDULE, documentOf, quoteFee, type FeeSchedule } from '.';

const question = { copies: 1, pages: 1, inDistrict: true, entitlements: [] };

describe('fees', () => {
  it('charges the catalogue fee per copy', () => {
    expect(quoteFee(documentOf('resident-copy'), { ...question, copies: 3 }, DEFAULT_FEE_SCHEDULE)).toEqual({
      perCopy: 200,
      copies: 3,
      total: 600,
      waivedBy: null,
    });
  });

  it('adds 100 won per extra page of a land ledger', () => {
    expect(quoteFee(documentOf('land-ledger'), { ...question, pages: 3, copies: 2 }, DEFAULT_FEE_SCHEDULE).total).toBe(1400);
  });

  it('uses the jurisdiction’s in-district and out-of-district rates', () => {
    const schedule: FeeSchedule = { overrides: { 'resident-copy': { inDistrict: 200, outOfDistrict: 400 } }, waivers: [] };
    expect(quoteFee(documentOf('resident-copy'), question, schedule).perCopy).toBe(200);
    expect(quoteFee(documentOf('resident-copy'), { ...question, inDistrict: false }, schedule).perCopy).toBe(400);
  });

  it('waives fees by district policy or by the citizen’s entitlement', () => {
    const schedule: FeeSchedule = {
      overrides: {},
      waivers: [
        { reason: 'district-policy', documents: ['resident-copy', 'resident-abstract'] },
        { reason: 'basic-livelihood-recipient', documents: 'all' },
      ],
    };
    expect(quoteFee(documentOf('resident-abstract'), question, schedule)).toMatchObject({ total: 0, waivedBy: 'district-policy' });
    expect(quoteFee(documentOf('land-price'), question, schedule)).toMatchObject({ total: 800, waivedBy: null });
    expect(
      quoteFee(documentOf('land-price'), { ...question, entitlements: ['basic-livelihood-recipient'] }, schedule),
    ).toMatchObject({ total: 0, waivedBy: 'basic-livelihood-recipient' });
  });

  it('refuses nonsense quantities as programmer errors', () => {
    expect(() => quoteFee(documentOf('basic'), { ...question, copies: 0 }, DEFAULT_FEE_SCHEDULE)).toThrow(/copies/);
    expect(() => quoteFee(documentOf('basic'), { ...question, pages: 0 }, DEFAULT_FEE_SCHEDULE)).toThrow(/pages/);
  });
});

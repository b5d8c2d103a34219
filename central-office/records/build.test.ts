import { DOCUMENTS, defaultOptions, documentOf, type DocumentCode, type OptionValues } from '../../catalog';
import type { CertificateRecordBody } from '../../catalog/records';
import { generatePopulation } from '../population/generate';
import type { DemoRole, Person } from '../population/model';
import { Registry } from '../population/registry';
import { buildRecord } from './build';

/** Options the citizen chose change the record as the catalogue says they do. */
const registry = new Registry(generatePopulation());
const today = '2026-11-25';
const role = (name: DemoRole): Person => registry.person(registry.population.roles[name])!;

function body<K extends CertificateRecordBody['kind']>(code: DocumentCode, options: OptionValues, person: Person | null, kind: K): Extract<CertificateRecordBody, { kind: K }> {
  const document = documentOf(code);
  const result = buildRecord(registry, document, { ...defaultOptions(document), ...options }, person, today);
  if (!result.ok) throw new Error(`${code}: ${result.error.message}`);
  expect(result.value.body.kind).toBe(kind);
  return result.value.body as Extract<CertificateRecordBody, { kind: K }>;
}
function problem(code: DocumentCode, options: OptionValues, person: Person | null) {
  const document = documentOf(code);
  const result = buildRecord(registry, document, { ...defaultOptions(document), ...options }, person, today);
  return result.ok ? null : result.error;
}

describe('records built from the registry', () => {
  it('등본: all household members by default, without cohabitants when asked, past addresses only when asked', () => {
    const head = role('boarding-house-head');
    const full = body('resident-copy', {}, head, 'resident-registration');
    expect(full.members).toHaveLength(19);
    expect(full.addressHistory).toEqual([]);
    const family = body('resident-copy', { includeCohabitants: false, includePastAddresses: true }, head, 'resident-registration');
    expect(family.members).toHaveLength(5);
    expect(family.addressHistory.length).toBeGreaterThan(3);
    const noRelation = body('resident-copy', { includeRelationToHead: false }, head, 'resident-registration');
    expect(noRelation.members.every((member) => member.relationToHead === '')).toBe(true);
  });

  it('초본: address history all, last five years or none; personal changes and military service on request', () => {
    const person = role('boarding-house-head');
    const all = body('resident-abstract', { addressHistory: 'all' }, person, 'resident-registration');
    const recent = body('resident-abstract', { addressHistory: 'last-5-years' }, person, 'resident-registration');
    const none = body('resident-abstract', { addressHistory: 'none' }, person, 'resident-registration');
    expect(all.addressHistory.length).toBeGreaterThan(recent.addressHistory.length);
    expect(recent.addressHistory.every((period) => period.to === null || period.to >= '2021-11-25')).toBe(true);
    expect(none.addressHistory).toEqual([]);
    expect(all.militaryService).toBeNull();
    expect(body('resident-abstract', { includeMilitaryService: true }, person, 'resident-registration').militaryService).not.toBeNull();
    const citizen = role('demo-citizen');
    expect(body('resident-abstract', {}, citizen, 'resident-registration').personalChanges).toEqual([]);
    expect(body('resident-abstract', { includePersonalChanges: true }, citizen, 'resident-registration').personalChanges.length).toBeGreaterThan(0);
  });

  it('family certificates: the general one hides an adoption, the detailed one shows it', () => {
    const adoptee = role('adoptee');
    const general = body('family-relations', { detail: 'general' }, adoptee, 'family-relation');
    const detailed = body('family-relations', { detail: 'detailed' }, adoptee, 'family-relation');
    expect(general.relations.map((relation) => relation.relation)).not.toContain('양부');
    expect(detailed.relations.map((relation) => relation.relation)).toEqual(expect.arrayContaining(['부', '모', '양부', '양모']));
    expect(body('adoption-relations', {}, adoptee, 'family-relation').events.map((event) => event.type)).toEqual(['입양']);
  });

  it('marriage certificate: only the current marriage in general, divorces in detailed', () => {
    const single = role('single-parent');
    expect(body('marriage-relations', { detail: 'general' }, single, 'family-relation').events).toEqual([]);
    expect(body('marriage-relations', { detail: 'detailed' }, single, 'family-relation').events.map((event) => event.type)).toEqual(['혼인', '이혼']);
  });

  it('full adoption certificate shows the birth parents', () => {
    const relations = body('full-adoption-relations', {}, role('full-adoptee'), 'family-relation').relations.map((relation) => relation.relation);
    expect(relations).toEqual(expect.arrayContaining(['부', '모', '친생부', '친생모']));
  });

  it('vehicle registers: the plate must be one of the owner’s; A has entries, B has mortgages', () => {
    const contractor = role('contractor');
    const plate = contractor.vehicles[0]!.plate;
    const a = body('vehicle-register-a', { plate }, contractor, 'vehicle-machinery');
    const b = body('vehicle-register-b', { plate }, contractor, 'vehicle-machinery');
    expect(a.vehicle.registrationNumber).toBe(plate);
    expect(a.entries.length).toBeGreaterThan(0);
    expect(a.mortgages).toEqual([]);
    expect(b.mortgages.length).toBeGreaterThan(0);
    expect(problem('vehicle-register-a', { plate: '99허9999' }, contractor)).toMatchObject({ code: 'invalid-options' });
    expect(problem('vehicle-register-a', { plate }, role('demo-citizen'))).toMatchObject({ code: 'invalid-options' });
    expect(problem('vehicle-register-a', {}, role('graduate'))).toMatchObject({ code: 'no-record' });
  });

  it('construction machinery by machine number', () => {
    const contractor = role('contractor');
    const machine = contractor.machines[0]!;
    expect(body('construction-machinery', { machineNumber: machine.plate }, contractor, 'vehicle-machinery').vehicle.model).toContain('굴착기');
    expect(problem('construction-machinery', { machineNumber: '서울01-0000' }, contractor)).toMatchObject({ code: 'invalid-options' });
  });

  it('school records by level and graduation year', () => {
    const graduate = role('graduate');
    expect(body('graduation', { schoolLevel: 'high', graduationYear: 2020 }, graduate, 'education').school.name).toBe('장전고등학교');
    expect(body('graduation', { schoolLevel: 'middle', graduationYear: 2017 }, graduate, 'education').school.name).toBe('서동중학교');
    expect(body('transcript', { schoolLevel: 'high', graduationYear: 2020 }, graduate, 'education').grades.length).toBeGreaterThan(0);
    expect(body('school-record', { schoolLevel: 'high', graduationYear: 2020 }, graduate, 'education').remarks.length).toBeGreaterThan(0);
    expect(problem('graduation', { schoolLevel: 'high', graduationYear: 2021 }, graduate)).toMatchObject({ code: 'no-record' });
  });

  it('tax year options filter the items', () => {
    const citizen = role('demo-citizen');
    const items = body('local-tax-assessment', { taxYear: 2024 }, citizen, 'tax').items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => item.year === 2024)).toBe(true);
    const premiums = body('health-insurance-premium', { taxYear: 2025 }, citizen, 'health-insurance').premiums;
    expect(premiums).toHaveLength(12);
    expect(premiums.every((premium) => premium.month.startsWith('2025-'))).toBe(true);
  });

  it('collective building: the title section lists the units, the exclusive section one unit by its number', () => {
    const address = '부산광역시 금정구 금샘로 210';
    const title = body('building-collective', { building: address }, null, 'building');
    expect(title.units.length).toBeGreaterThan(1);
    const exclusive = body('building-collective', { building: address, part: 'exclusive', unit: '101동 1203호' }, null, 'building');
    expect(exclusive.units).toHaveLength(1);
    expect(exclusive.owners).toEqual([{ name: role('demo-citizen').name, share: '단독소유', since: '2015-03-20' }]);
    expect(problem('building-collective', { building: address, part: 'exclusive', unit: '' }, null)).toMatchObject({ code: 'invalid-options' });
    expect(problem('building-collective', { building: address, part: 'exclusive', unit: '109동 101호' }, null)).toMatchObject({ code: 'no-record' });
    expect(problem('building-general', { building: address }, null)).toMatchObject({ code: 'no-record' });
  });

  it('land documents find the parcel however the address is spaced, with or without the city', () => {
    expect(body('land-ledger', { parcel: '금정구 두구동 521' }, null, 'land').parcel.landCategory).toBe('답');
    expect(body('land-ledger', { parcel: '부산광역시  금정구 두구동  521' }, null, 'land').ownershipHistory.length).toBeGreaterThan(0);
    expect(body('land-ledger', { parcel: '부산광역시 금정구 두구동 521', includeOwnershipHistory: false }, null, 'land').ownershipHistory).toEqual([]);
    expect(body('land-use-plan', { parcel: '부산광역시 금정구 청룡동 산 12' }, null, 'land').zoning.map((zone) => zone.designation)).toContain('개발제한구역');
    expect(problem('land-price', {}, null)).toMatchObject({ code: 'invalid-options' });
  });

  it('real-estate registry: current entries only when asked', () => {
    const all = body('real-estate-registry', { propertyType: 'land', building: '부산광역시 금정구 장전동 418-7' }, null, 'real-estate-registry');
    const current = body('real-estate-registry', { propertyType: 'land', building: '부산광역시 금정구 장전동 418-7', currentOnly: true }, null, 'real-estate-registry');
    expect(all.sectionA.length).toBeGreaterThan(current.sectionA.length);
    expect(all.sectionB.length).toBeGreaterThan(current.sectionB.length);
    expect(current.sectionB).toEqual([]);
    expect(body('real-estate-registry', { propertyType: 'collective', building: '부산광역시 금정구 금샘로 210 101동 1203호' }, null, 'real-estate-registry').property.type).toBe('collective');
    expect(problem('real-estate-registry', { propertyType: 'collective', building: '부산광역시 금정구 금샘로 210' }, null)).toMatchObject({ code: 'invalid-options' });
  });

  it('welfare certificates only for those registered', () => {
    expect(body('basic-livelihood', {}, role('livelihood-recipient'), 'welfare').status).toContain('수급자');
    expect(problem('basic-livelihood', {}, role('demo-citizen'))).toMatchObject({ code: 'no-record' });
    expect(body('single-parent-family', {}, role('single-parent'), 'welfare').household).toHaveLength(2);
  });

  it('builds every document for somebody without breaking the record contract', () => {
    let built = 0;
    for (const document of DOCUMENTS) {
      const people = document.identityRequired ? registry.population.persons : [null];
      for (const person of people) {
        const result = buildRecord(registry, document, defaultOptions(document), person, today);
        if (result.ok) built++;
      }
    }
    expect(built).toBeGreaterThan(1000);
  });
});

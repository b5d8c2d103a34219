import { DOCUMENTS } from '../../catalog';
import { demoProperties, demoResidents } from '../demo';
import { CHECK_DIGIT_ABOLISHED, hasValidCheckDigit } from './resident-number';
import { generatePopulation } from './generate';
import { Registry } from './registry';

describe('the synthetic population', () => {
  const population = generatePopulation();

  it('is the same for the same seed and different for another', () => {
    expect(JSON.stringify(generatePopulation())).toBe(JSON.stringify(population));
    const other = generatePopulation('another-seed');
    expect(other.persons.map((person) => person.residentNumber)).not.toEqual(population.persons.map((person) => person.residentNumber));
  });

  it('gives everyone a unique, well-formed resident number, with a valid check digit when issued before the reform', () => {
    const numbers = population.persons.map((person) => person.residentNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const person of population.persons) {
      expect(person.residentNumber).toMatch(/^\d{6}-[1-4]\d{6}$/);
      expect(person.residentNumber.slice(0, 6)).toBe(person.birthDate.slice(2, 4) + person.birthDate.slice(5, 7) + person.birthDate.slice(8, 10));
      const changed = person.personalChanges.some((change) => change.item === '주민등록번호 변경');
      if (person.birthDate < CHECK_DIGIT_ABOLISHED && !changed) expect(hasValidCheckDigit(person.residentNumber)).toBe(true);
    }
  });

  it('has residents with post-reform numbers (no check digit required)', () => {
    const postReform = population.persons.filter((person) => person.birthDate >= CHECK_DIGIT_ABOLISHED);
    expect(postReform.length).toBeGreaterThan(0);
  });

  it('lives mostly in Geumjeong-gu, with households elsewhere too', () => {
    const districts = population.households.map((household) => household.district);
    expect(districts.filter((district) => district === '금정구').length).toBeGreaterThan(districts.length / 2);
    expect(districts.some((district) => district !== '금정구')).toBe(true);
  });

  it('has a household large enough for a three-page 등본', () => {
    const largest = Math.max(...population.households.map((household) => household.memberIds.length));
    expect(largest).toBeGreaterThanOrEqual(19);
  });

  it('places every household member in their household and their current address last in their history', () => {
    const registry = new Registry(population);
    for (const household of population.households) {
      for (const member of registry.members(household)) {
        expect(member.householdId).toBe(household.id);
        expect(member.addressHistory.at(-1)).toMatchObject({ address: household.address, to: null });
      }
    }
  });

  it('gives every one of the 36 documents someone or something to issue for', () => {
    const covered = new Set([...demoResidents().flatMap((resident) => resident.documents), ...demoProperties().flatMap((property) => property.documents)]);
    expect([...covered].sort()).toEqual(DOCUMENTS.map((document) => document.code).sort());
  });

  it('lists demo residents with enrolled fingers and what they can be issued', () => {
    const residents = demoResidents();
    expect(residents.length).toBeGreaterThanOrEqual(12);
    for (const resident of residents) {
      expect(resident.fingerprintEnrolled).toBe(true);
      expect(resident.documents).toContain('resident-copy');
    }
    expect(residents.find((resident) => resident.role === 'livelihood-recipient')?.entitlements).toEqual(['basic-livelihood-recipient']);
  });
});

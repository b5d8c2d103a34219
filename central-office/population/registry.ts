import { DEFAULT_POPULATION_SEED, generatePopulation } from './generate';
import type { Building, BuildingUnit, Household, Parcel, Person, Population } from './model';

/**
 * Lookups over a generated population: by resident number (identity), by person id (tokens), by address
 * (public records). Addresses match whatever the citizen typed once spaces and a trailing `(동)` are ignored, with
 * or without the city in front.
 */
export class Registry {
  private readonly byNumber = new Map<string, Person>();
  private readonly byId = new Map<string, Person>();
  private readonly householdById = new Map<string, Household>();

  constructor(readonly population: Population) {
    for (const person of population.persons) {
      this.byNumber.set(person.residentNumber, person);
      this.byId.set(person.id, person);
    }
    for (const household of population.households) this.householdById.set(household.id, household);
  }

  static fromSeed(seed: string = DEFAULT_POPULATION_SEED): Registry {
    return new Registry(generatePopulation(seed));
  }

  personByResidentNumber(residentNumber: string): Person | undefined {
    return this.byNumber.get(residentNumber);
  }

  person(id: string): Person | undefined {
    return this.byId.get(id);
  }

  household(id: string): Household {
    const household = this.householdById.get(id);
    if (!household) throw new Error(`no household ${id}`);
    return household;
  }

  members(household: Household): Person[] {
    return household.memberIds.map((id) => {
      const person = this.byId.get(id);
      if (!person) throw new Error(`household ${household.id} names unknown person ${id}`);
      return person;
    });
  }

  parcel(address: string): Parcel | undefined {
    return this.population.parcels.find((parcel) => sameAddress(parcel.address, address));
  }

  building(address: string): Building | undefined {
    return this.population.buildings.find((building) => sameAddress(building.address, address));
  }

  /** A unit of a collective building named as `<building address> <unit>`, e.g. `… 금샘로 210 101동 1203호`. */
  buildingUnit(address: string): { building: Building; unit: BuildingUnit } | undefined {
    const wanted = normaliseAddress(address).replace(CITY_PREFIX, '');
    for (const building of this.population.buildings) {
      const base = normaliseAddress(building.address).replace(CITY_PREFIX, '');
      const unit = building.units.find((candidate) => base + normaliseAddress(candidate.unit) === wanted);
      if (unit) return { building, unit };
    }
    return undefined;
  }

}

export function normaliseAddress(address: string): string {
  return address.replace(/\([^)]*\)\s*$/, '').replace(/[\s,]+/g, '');
}

const CITY_PREFIX = /^(부산광역시|서울특별시|경상남도|대구광역시)/;

export function sameAddress(registered: string, typed: string): boolean {
  const a = normaliseAddress(registered);
  const b = normaliseAddress(typed);
  if (b.length < 4) return false;
  return a === b || a.replace(CITY_PREFIX, '') === b.replace(CITY_PREFIX, '');
}

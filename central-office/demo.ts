import { DOCUMENTS, defaultOptions, type DocumentCode, type OptionValues } from '../catalog';
import type { DemoRole } from './population/model';
import { Registry } from './population/registry';
import { buildRecord } from './records/build';
import type { KioskCredential, OperatorCredential } from './service/kiosks';
import { entitlementsOf } from './service/identity';
import { DEFAULT_POPULATION_SEED } from './population/generate';

/**
 * The demo's cast: the four kiosks of the 2005 district report (the district office's citizen hall, Pusan National
 * University subway station and two supermarkets) with their demo keys, and the residents and properties the UI's
 * simulator panel offers. Demo secrets are public by design: never use them in production.
 */
export const DEMO_KIOSKS: readonly (KioskCredential & { readonly nameEn: string; readonly site: 'government-building' | 'public-place' })[] = [
  { kioskId: 'GJ-HALL-01', keyId: 'GJ-HALL-01', secret: 'demo-secret-not-for-production-use', name: '금정구청 민원실', nameEn: 'Geumjeong-gu Office, Citizen Hall', district: '금정구', site: 'government-building' },
  { kioskId: 'GJ-PNU-01', keyId: 'GJ-PNU-01', secret: 'demo-secret-GJ-PNU-01-not-for-production', name: '부산대역', nameEn: 'Pusan National University Station', district: '금정구', site: 'public-place' },
  { kioskId: 'GJ-EMART-01', keyId: 'GJ-EMART-01', secret: 'demo-secret-GJ-EMART-01-not-for-production', name: 'E-마트 금정점', nameEn: 'E-Mart Geumjeong', district: '금정구', site: 'public-place' },
  { kioskId: 'GJ-GSMART-01', keyId: 'GJ-GSMART-01', secret: 'demo-secret-GJ-GSMART-01-not-for-production', name: 'GS-마트 금정점', nameEn: 'GS-Mart Geumjeong', district: '금정구', site: 'public-place' },
];

export const DEMO_OPERATOR: OperatorCredential = { keyId: 'GJ-OPERATOR', secret: 'demo-operator-secret-not-for-production', name: '금정구청 민원여권과' };

export type DemoResident = {
  readonly role: DemoRole | 'resident';
  readonly name: string;
  /** Synthetic; also the key of the simulated finger (devices/fingerprint/synthetic-finger.ts). */
  readonly residentNumber: string;
  readonly birthDate: string;
  readonly sex: 'M' | 'F';
  readonly address: string;
  /** Whether the fingerprint is enrolled (ID-card holders, 17 and over). */
  readonly fingerprintEnrolled: boolean;
  readonly entitlements: readonly string[];
  /** Identity documents that can be issued for this person with the options below (or the defaults). */
  readonly documents: readonly DocumentCode[];
  /** Options a document needs beyond its defaults (a plate number, a machine number). */
  readonly options: Readonly<Partial<Record<DocumentCode, OptionValues>>>;
  readonly note: { readonly ko: string; readonly en: string };
};

export type DemoProperty = {
  readonly label: { readonly ko: string; readonly en: string };
  readonly documents: readonly DocumentCode[];
  readonly options: OptionValues;
};

const ROLE_NOTES: Record<DemoRole, { ko: string; en: string }> = {
  'demo-citizen': { ko: '아파트에 사는 4인 가구 세대주: 자동차, 사업자, 병역', en: 'Head of a family of four in an apartment: car, business, military service' },
  'boarding-house-head': { ko: '부산대 앞 하숙집 세대주: 동거인 14명 (등본 3쪽)', en: 'Boarding house by PNU: 14 lodgers (3-page household copy)' },
  farmer: { ko: '두구동 농업인: 농지대장, 농업경영체', en: 'Farmer in Dugu-dong: farmland ledger, farm business' },
  fisher: { ko: '어선 소유자 (기장 대변항)', en: 'Fishing vessel owner (Daebyeon port, Gijang)' },
  contractor: { ko: '건설업자: 굴착기, 저당 잡힌 화물차, 상가 건물', en: 'Contractor: excavator, mortgaged truck, commercial building' },
  'single-parent': { ko: '한부모 가족 (2022년 주민등록번호 변경: 검증번호 없음)', en: 'Single parent (number changed in 2022: no check digit)' },
  disabled: { ko: '장애인 증명서 대상', en: 'Disability certificate holder' },
  'livelihood-recipient': { ko: '국민기초생활수급자 (수수료 면제), 제적부 있음', en: 'Basic livelihood recipient (fee waiver), removed register' },
  adoptee: { ko: '입양관계증명서 대상', en: 'Adopted (adoption relations certificate)' },
  'full-adoptee': { ko: '친양자 입양 (친양자입양관계증명서)', en: 'Full adoption (full adoption certificate)' },
  graduate: { ko: '2020년 고등학교 졸업생: 졸업·성적·생활기록부', en: 'High-school class of 2020: graduation, transcript, school record' },
  veteran: { ko: '국가유공자 (수수료 면제), 임야 소유', en: 'National merit (fee waiver), owns forest land' },
  'out-of-district': { ko: '동래구 주민: 관외 수수료', en: 'Lives in Dongnae-gu: out-of-district fees' },
};

const registries = new Map<string, Registry>();
function registryFor(seed: string): Registry {
  let registry = registries.get(seed);
  if (!registry) {
    registry = Registry.fromSeed(seed);
    registries.set(seed, registry);
  }
  return registry;
}

/** The demo roles with what each can be issued, checked by building every identity document for them. */
export function demoResidents(seed: string = DEFAULT_POPULATION_SEED): DemoResident[] {
  const registry = registryFor(seed);
  const population = registry.population;
  return (Object.entries(population.roles) as [DemoRole, string][]).map(([role, personId]) => {
    const person = registry.person(personId);
    if (!person) throw new Error(`demo role ${role} names unknown person ${personId}`);
    const options: Partial<Record<DocumentCode, OptionValues>> = {};
    const vehicle = person.vehicles[0];
    if (vehicle) {
      options['vehicle-register-a'] = { plate: vehicle.plate };
      options['vehicle-register-b'] = { plate: vehicle.plate };
    }
    const machine = person.machines[0];
    if (machine) options['construction-machinery'] = { machineNumber: machine.plate };
    const high = person.schools.find((school) => school.level === 'high' && school.graduated);
    if (high?.graduated) {
      for (const code of ['graduation', 'transcript', 'school-record'] as const) {
        options[code] = { schoolLevel: 'high', graduationYear: Number(high.graduated.slice(0, 4)) };
      }
    }
    const documents = DOCUMENTS.filter((document) => document.identityRequired)
      .filter((document) => buildRecord(registry, document, { ...defaultOptions(document), ...options[document.code] }, person, population.asOf).ok)
      .map((document) => document.code);
    return {
      role,
      name: person.name,
      residentNumber: person.residentNumber,
      birthDate: person.birthDate,
      sex: person.sex,
      address: registry.household(person.householdId).address,
      fingerprintEnrolled: person.fingerprintEnrolled,
      entitlements: entitlementsOf(person),
      documents,
      options,
      note: ROLE_NOTES[role],
    };
  });
}

/** Parcels and buildings for the public-record documents (no identity needed), with the options to type. */
export function demoProperties(seed: string = DEFAULT_POPULATION_SEED): DemoProperty[] {
  const population = registryFor(seed).population;
  const properties: DemoProperty[] = [];
  for (const parcel of population.parcels) {
    properties.push({
      label: { ko: `토지 ${parcel.address} (${parcel.landCategory})`, en: `Parcel ${parcel.address} (${parcel.landCategory})` },
      documents: ['land-ledger', 'land-price', 'land-use-plan'],
      options: { parcel: parcel.address },
    });
    properties.push({
      label: { ko: `토지 등기 ${parcel.address}`, en: `Land registry ${parcel.address}` },
      documents: ['real-estate-registry'],
      options: { propertyType: 'land', building: parcel.address },
    });
  }
  for (const building of population.buildings) {
    if (building.kind === 'collective') {
      properties.push({
        label: { ko: `집합건물 ${building.name} (${building.address})`, en: `Collective building ${building.name}` },
        documents: ['building-collective', 'land-right-register'],
        options: { building: building.address },
      });
      const unit = building.units[0];
      if (unit) {
        properties.push({
          label: { ko: `${building.name} ${unit.unit} 전유부`, en: `${building.name} unit ${unit.unit}` },
          documents: ['building-collective'],
          options: { building: building.address, part: 'exclusive', unit: unit.unit },
        });
        properties.push({
          label: { ko: `집합건물 등기 ${building.address} ${unit.unit}`, en: `Unit registry ${unit.unit}` },
          documents: ['real-estate-registry'],
          options: { propertyType: 'collective', building: `${building.address} ${unit.unit}` },
        });
      }
    } else {
      properties.push({
        label: { ko: `건축물 ${building.name} (${building.address})`, en: `Building ${building.name}` },
        documents: ['building-general'],
        options: { building: building.address },
      });
      properties.push({
        label: { ko: `건물 등기 ${building.address}`, en: `Building registry ${building.address}` },
        documents: ['real-estate-registry'],
        options: { propertyType: 'building', building: building.address },
      });
    }
  }
  return properties;
}

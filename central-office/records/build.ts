import type { CatalogDocument, DocumentCode, OptionValues } from '../../catalog';
import { CertificateRecord, type CertificateRecordBody, type IssuingAuthority, type Person as RecordPerson } from '../../catalog/records';
import { assertNever, err, ok, type Result } from '../../common/result';
import type { Building, FamilyRelation, Parcel, Person, Relative, School } from '../population/model';
import type { Registry } from '../population/registry';
import { districtAuthority, nationalAuthority, schoolAuthority } from './authorities';

/**
 * The record that goes on a certificate, built from the registry for one document and the citizen's options.
 * Every answer is checked against catalog/records.ts before it leaves (a mismatch is a programmer error).
 * Identity documents are built for the verified person; public records (land, building, registry) for the
 * address in the options.
 */
export type RecordProblem =
  /** Nothing to certify: the person has no such record, or no property at that address. */
  | { readonly code: 'no-record'; readonly message: string }
  /** An option the document needs is empty or names something the person does not have. */
  | { readonly code: 'invalid-options'; readonly message: string };

type Body<K extends CertificateRecordBody['kind']> = Extract<CertificateRecordBody, { kind: K }>;
type Built = { readonly authority: IssuingAuthority; readonly body: CertificateRecordBody };

const noRecord = (message: string) => err<RecordProblem>({ code: 'no-record', message });
const needOption = (message: string) => err<RecordProblem>({ code: 'invalid-options', message });

export function buildRecord(
  registry: Registry,
  document: CatalogDocument,
  options: OptionValues,
  person: Person | null,
  today: string,
): Result<CertificateRecord, RecordProblem> {
  const built = document.identityRequired ? buildPersonal(registry, document.code, options, person, today) : buildPublic(registry, document.code, options);
  if (!built.ok) return built;
  const record: CertificateRecord = { documentCode: document.code, authority: built.value.authority, body: built.value.body };
  const checked = CertificateRecord.safeParse(record);
  if (!checked.success) {
    throw new Error(`record for ${document.code} does not match catalog/records.ts: ${checked.error.message}`);
  }
  return ok(checked.data);
}

function text(options: OptionValues, key: string): string {
  const value = options[key];
  return typeof value === 'string' ? value.trim() : '';
}
function flag(options: OptionValues, key: string, fallback: boolean): boolean {
  const value = options[key];
  return typeof value === 'boolean' ? value : fallback;
}
function numberOption(options: OptionValues, key: string): number | null {
  const value = options[key];
  return typeof value === 'number' ? value : null;
}

function recordPerson(person: Relative): RecordPerson {
  return { name: person.name, residentNumber: person.residentNumber, ...(person.nameHanja ? { nameHanja: person.nameHanja } : {}) };
}

// ---- identity documents -------------------------------------------------------------------------------------

function buildPersonal(
  registry: Registry,
  code: DocumentCode,
  options: OptionValues,
  person: Person | null,
  today: string,
): Result<Built, RecordProblem> {
  if (!person) throw new Error(`identity document ${code} built without a verified person`);
  const household = registry.household(person.householdId);
  const district = household.district;
  const address = household.address;
  const subject = recordPerson(person);
  const withAddress = { ...subject, address };
  switch (code) {
    case 'resident-copy': {
      const members = registry.members(household);
      const head = members.find((member) => member.id === household.headId) ?? person;
      const showRelation = flag(options, 'includeRelationToHead', true);
      const body: Body<'resident-registration'> = {
        kind: 'resident-registration',
        householder: recordPerson(head),
        currentAddress: address,
        members: members
          .filter((member) => flag(options, 'includeCohabitants', true) || !member.cohabitant)
          .map((member) => ({
            person: recordPerson(member),
            relationToHead: showRelation ? member.relationToHead : '',
            movedIn: member.movedIn,
            status: member.cohabitant ? '동거인' : '거주',
            cohabitant: member.cohabitant,
          })),
        addressHistory: flag(options, 'includePastAddresses', false) ? [...head.addressHistory] : [],
        personalChanges: [],
        militaryService: null,
        applicant: subject,
      };
      return ok({ authority: districtAuthority(district), body });
    }
    case 'resident-abstract': {
      const head = registry.person(household.headId) ?? person;
      const history = text(options, 'addressHistory') || 'all';
      const fiveYearsAgo = `${Number(today.slice(0, 4)) - 5}${today.slice(4)}`;
      const addressHistory =
        history === 'none' ? [] : history === 'last-5-years' ? person.addressHistory.filter((period) => period.to === null || period.to >= fiveYearsAgo) : [...person.addressHistory];
      const military = flag(options, 'includeMilitaryService', false) && person.military;
      const body: Body<'resident-registration'> = {
        kind: 'resident-registration',
        householder: recordPerson(head),
        currentAddress: address,
        members: [{ person: subject, relationToHead: person.relationToHead, movedIn: person.movedIn, status: person.cohabitant ? '동거인' : '거주', cohabitant: person.cohabitant }],
        addressHistory,
        personalChanges: flag(options, 'includePersonalChanges', false) ? [...person.personalChanges] : [],
        militaryService: military ? { branch: military.branch, rank: military.rank, enlisted: military.enlisted, discharged: military.discharged } : null,
        applicant: subject,
      };
      return ok({ authority: districtAuthority(district), body });
    }
    case 'family-relations':
    case 'basic':
    case 'marriage-relations':
    case 'adoption-relations':
    case 'full-adoption-relations':
      return ok({ authority: nationalAuthority('familyCourt', district), body: familyCertificate(code, person, text(options, 'detail') || 'general') });
    case 'removed-register-copy':
    case 'removed-register-abstract': {
      const register = person.removedRegister;
      if (!register) return noRecord('이 분에게는 제적된 호적이 없습니다 (no removed family register for this person)');
      const members =
        code === 'removed-register-copy'
          ? register.members
          : register.members.filter((member) => member.relation === '호주' || member.person.residentNumber === person.residentNumber);
      const body: Body<'family-relation'> = {
        kind: 'family-relation',
        registeredDomicile: register.domicile,
        subject: { ...subject, birthDate: person.birthDate, sex: person.sex },
        relations: members.map(relationRow),
        events: code === 'removed-register-copy' ? [...register.events] : register.events.filter((event) => event.type === '출생' || event.type === '제적'),
      };
      return ok({ authority: nationalAuthority('familyCourt', district), body });
    }
    case 'military-service': {
      const military = person.military;
      if (!military) return noRecord('병적 기록이 없습니다 (no military service record)');
      const body: Body<'military'> = { kind: 'military', subject, ...military };
      return ok({ authority: nationalAuthority('military', district), body });
    }
    case 'local-tax-assessment': {
      const year = numberOption(options, 'taxYear');
      const body: Body<'tax'> = {
        kind: 'tax',
        subject: withAddress,
        items: person.localTaxes.filter((item) => year === null || item.year === year),
        arrears: person.arrears,
        business: null,
      };
      return ok({ authority: districtAuthority(district), body });
    }
    case 'local-tax-payment':
      return ok({
        authority: districtAuthority(district),
        body: { kind: 'tax', subject: withAddress, items: person.localTaxes.filter((item) => item.paid < item.assessed), arrears: person.arrears, business: null },
      });
    case 'national-tax-payment':
      return ok({
        authority: nationalAuthority('taxOffice', district),
        body: { kind: 'tax', subject: withAddress, items: person.nationalTaxes.filter((item) => item.paid < item.assessed), arrears: person.arrears, business: null },
      });
    case 'business-registration': {
      if (!person.business) return noRecord('등록된 사업자가 없습니다 (no business registration)');
      return ok({ authority: nationalAuthority('taxOffice', district), body: { kind: 'tax', subject: withAddress, items: [], arrears: person.arrears, business: person.business } });
    }
    case 'income-amount': {
      const year = numberOption(options, 'taxYear');
      const items = person.nationalTaxes.filter((item) => (year === null || item.year === year) && /소득/.test(item.item));
      return ok({ authority: nationalAuthority('taxOffice', district), body: { kind: 'tax', subject: withAddress, items, arrears: person.arrears, business: person.business } });
    }
    case 'single-parent-family':
    case 'disability':
    case 'basic-livelihood': {
      const status =
        code === 'single-parent-family'
          ? person.welfare.singleParent && { status: '한부모가족 지원대상자', since: person.welfare.singleParent.since }
          : code === 'disability'
            ? person.welfare.disability
            : person.welfare.basicLivelihood;
      if (!status) return noRecord('해당 복지 대상자로 등록되어 있지 않습니다 (not registered for this status)');
      const householdMembers = registry.members(household).filter((member) => member.id !== person.id && !member.cohabitant);
      const body: Body<'welfare'> = {
        kind: 'welfare',
        subject: withAddress,
        status: status.status,
        since: status.since,
        household: householdMembers.map((member) => ({ relation: relationBetween(person, member), person: recordPerson(member) })),
      };
      return ok({ authority: districtAuthority(district), body });
    }
    case 'graduation':
    case 'transcript':
    case 'school-record': {
      const level = text(options, 'schoolLevel') || 'high';
      const year = numberOption(options, 'graduationYear');
      const school = findSchool(person.schools, level, year);
      if (!school) return noRecord(`${year ?? ''}년 졸업 ${levelName(level)} 기록이 없습니다 (no ${level} school record for ${year ?? 'that year'})`);
      if (code === 'graduation' && !school.graduated) return noRecord('아직 졸업하지 않았습니다 (not graduated yet)');
      const body: Body<'education'> = {
        kind: 'education',
        subject: { ...subject, birthDate: person.birthDate },
        school: { name: school.name, level: school.level, admitted: school.admitted, graduated: school.graduated },
        grades: code === 'graduation' ? [] : [...school.grades],
        remarks: code === 'school-record' ? [...school.remarks] : [],
      };
      return ok({ authority: schoolAuthority(school.name, district), body });
    }
    case 'farmland-ledger':
    case 'farm-business': {
      if (!person.farm) return noRecord('등록된 농지·농업경영체가 없습니다 (no farm registration)');
      const body: Body<'agriculture'> = { kind: 'agriculture', subject: withAddress, registrationNumber: person.farm.registrationNumber, farmland: [...person.farm.farmland] };
      return ok({ authority: code === 'farmland-ledger' ? districtAuthority(district) : nationalAuthority('agriculture', district), body });
    }
    case 'vehicle-register-a':
    case 'vehicle-register-b':
    case 'construction-machinery': {
      const machinery = code === 'construction-machinery';
      const owned = machinery ? person.machines : person.vehicles;
      const wanted = text(options, machinery ? 'machineNumber' : 'plate');
      const what = machinery ? '건설기계' : '자동차';
      if (owned.length === 0) return noRecord(`본인 명의로 등록된 ${what}가 없습니다 (no ${machinery ? 'machine' : 'vehicle'} registered to this person)`);
      // An empty plate is fine when the person has exactly one: the kiosk need not ask what it can know.
      const vehicle = wanted === '' && owned.length === 1 ? owned[0] : owned.find((candidate) => candidate.plate.replace(/\s/g, '') === wanted.replace(/\s/g, ''));
      if (!vehicle) {
        return wanted === ''
          ? needOption(`${what} 등록번호를 입력하세요 (enter the registration number)`)
          : needOption(`${wanted}은(는) 본인 명의의 ${what}가 아닙니다 (not registered to this person)`);
      }
      const body: Body<'vehicle-machinery'> = {
        kind: 'vehicle-machinery',
        owner: withAddress,
        vehicle: {
          registrationNumber: vehicle.plate,
          model: vehicle.model,
          modelYear: vehicle.modelYear,
          identificationNumber: vehicle.identificationNumber,
          firstRegistered: vehicle.firstRegistered,
          use: vehicle.use,
        },
        // 갑부 lists the registration entries, 을부 the mortgages on the vehicle; the machinery register has both.
        entries: code === 'vehicle-register-b' ? [] : [...vehicle.entries],
        mortgages: code === 'vehicle-register-a' ? [] : [...vehicle.mortgages],
      };
      return ok({ authority: nationalAuthority('vehicles', district), body });
    }
    case 'fishing-vessel': {
      if (!person.vessel) return noRecord('본인 명의로 등록된 어선이 없습니다 (no fishing vessel registered to this person)');
      const { entries, ...vessel } = person.vessel;
      const body: Body<'fisheries'> = { kind: 'fisheries', owner: withAddress, vessel, entries: [...entries] };
      return ok({ authority: districtAuthority('기장군'), body });
    }
    case 'health-insurance-eligibility':
      return ok({ authority: nationalAuthority('health', district), body: { kind: 'health-insurance', subject, eligibility: [...person.health.eligibility], premiums: [] } });
    case 'health-insurance-premium': {
      const year = numberOption(options, 'taxYear');
      const premiums = person.health.premiums.filter((premium) => year === null || premium.month.startsWith(String(year)));
      if (premiums.length === 0) return noRecord(`${year ?? ''}년 보험료 납부 내역이 없습니다 (no premiums for that year)`);
      const body: Body<'health-insurance'> = {
        kind: 'health-insurance',
        subject,
        eligibility: person.health.eligibility.filter((period) => period.to === null),
        premiums,
      };
      return ok({ authority: nationalAuthority('health', district), body });
    }
    case 'land-ledger':
    case 'land-price':
    case 'land-use-plan':
    case 'land-right-register':
    case 'building-general':
    case 'building-collective':
    case 'real-estate-registry':
      throw new Error(`${code} is a public record, built without identity`);
    default:
      return assertNever(code, 'document code');
  }
}

function relationRow(relation: FamilyRelation): Body<'family-relation'>['relations'][number] {
  return { relation: relation.relation, person: recordPerson(relation.person), birthDate: relation.person.birthDate, sex: relation.person.sex };
}

const PARENTS = new Set(['부', '모']);

/**
 * The five family-relation certificates. A general (일반) certificate shows only what is current and does not
 * reveal an adoption (adoptive parents appear as 부/모); the detailed (상세) one shows everything recorded.
 */
function familyCertificate(code: 'family-relations' | 'basic' | 'marriage-relations' | 'adoption-relations' | 'full-adoption-relations', person: Person, detail: string): Body<'family-relation'> {
  const detailed = detail === 'detailed';
  const relations = person.family;
  const events = person.familyEvents;
  let shownRelations: FamilyRelation[];
  let shownEvents: typeof events;
  switch (code) {
    case 'family-relations': {
      const hasAdoptive = (relation: string) => relations.some((other) => other.relation === `양${relation}`);
      const recorded = relations.filter((relation) => !relation.relation.startsWith('친생'));
      shownRelations = detailed
        ? recorded
        : recorded
            .filter((relation) => !((relation.relation === '부' || relation.relation === '모') && hasAdoptive(relation.relation)))
            .map((relation) => (relation.relation === '양부' || relation.relation === '양모' ? { ...relation, relation: relation.relation.slice(1) } : relation));
      shownEvents = [];
      break;
    }
    case 'basic':
      shownRelations = [];
      shownEvents = events.filter((event) => event.type === '출생' || (detailed && (event.type === '입양' || event.type === '친양자입양')));
      break;
    case 'marriage-relations': {
      shownRelations = relations.filter((relation) => relation.relation === '배우자');
      const divorced = events.some((event) => event.type === '이혼');
      // The general certificate shows only the current marriage; the detailed one every marriage and divorce.
      shownEvents = detailed
        ? events.filter((event) => event.type === '혼인' || event.type === '이혼')
        : divorced
          ? []
          : events.filter((event) => event.type === '혼인');
      break;
    }
    case 'adoption-relations':
      shownRelations = relations.filter((relation) => relation.relation === '양부' || relation.relation === '양모');
      shownEvents = events.filter((event) => event.type === '입양');
      break;
    case 'full-adoption-relations': {
      const fullyAdopted = events.some((event) => event.type === '친양자입양');
      shownRelations = fullyAdopted ? relations.filter((relation) => PARENTS.has(relation.relation) || relation.relation.startsWith('친생')) : [];
      shownEvents = events.filter((event) => event.type === '친양자입양');
      break;
    }
  }
  return {
    kind: 'family-relation',
    registeredDomicile: person.registeredDomicile,
    subject: { ...recordPerson(person), birthDate: person.birthDate, sex: person.sex },
    relations: shownRelations.map(relationRow),
    events: shownEvents.map((event) => ({ ...event })),
  };
}

function relationBetween(subject: Person, member: Person): string {
  if (member.relationToHead === '배우자' && subject.relationToHead === '본인') return '배우자';
  if (member.relationToHead === '자녀' && subject.relationToHead === '본인') return '자녀';
  if (member.relationToHead === '본인') return subject.relationToHead === '자녀' ? (member.sex === 'M' ? '부' : '모') : '세대주';
  return member.relationToHead;
}

function levelName(level: string): string {
  return level === 'elementary' ? '초등학교' : level === 'middle' ? '중학교' : '고등학교';
}

function findSchool(schools: readonly School[], level: string, year: number | null): School | undefined {
  const ofLevel = schools.filter((school) => school.level === level);
  if (year === null) return ofLevel[0];
  return ofLevel.find((school) => (school.graduated ? Number(school.graduated.slice(0, 4)) === year : Number(school.admitted.slice(0, 4)) <= year));
}

// ---- public records ---------------------------------------------------------------------------------------

function buildPublic(registry: Registry, code: DocumentCode, options: OptionValues): Result<Built, RecordProblem> {
  switch (code) {
    case 'land-ledger':
    case 'land-price':
    case 'land-use-plan': {
      const address = text(options, 'parcel');
      if (!address) return needOption('토지 소재지(지번)를 입력하세요 (enter the parcel address)');
      const parcel = registry.parcel(address);
      if (!parcel) return noRecord(`${address}: 등록된 토지가 없습니다 (no parcel at that address)`);
      return ok({ authority: districtAuthority(parcel.district), body: landBody(code, parcel, flag(options, 'includeOwnershipHistory', true)) });
    }
    case 'land-right-register': {
      const address = text(options, 'building');
      if (!address) return needOption('건축물 소재지를 입력하세요 (enter the building address)');
      const building = registry.building(address);
      if (!building) return noRecord(`${address}: 등록된 건축물이 없습니다 (no building at that address)`);
      if (building.kind !== 'collective') return noRecord('대지권이 등록된 집합건물이 아닙니다 (land rights exist only for collective buildings)');
      const parcel = registry.parcel(building.parcelAddress);
      if (!parcel) throw new Error(`building ${building.address} stands on an unknown parcel`);
      const body: Body<'land'> = {
        ...landBody('land-right-register', parcel, false),
        landRights: building.units.map((unit) => ({ unit: unit.unit, ratio: unit.landRatio, owner: unit.owner })),
      };
      return ok({ authority: districtAuthority(parcel.district), body });
    }
    case 'building-general':
    case 'building-collective': {
      const address = text(options, 'building');
      if (!address) return needOption('건축물 소재지를 입력하세요 (enter the building address)');
      const building = registry.building(address);
      if (!building) return noRecord(`${address}: 등록된 건축물이 없습니다 (no building at that address)`);
      const collective = code === 'building-collective';
      if (collective !== (building.kind === 'collective')) {
        return noRecord(
          collective
            ? '집합건축물이 아닙니다: 건축물대장(일반)을 발급하세요 (not a collective building: ask for the general register)'
            : '집합건축물입니다: 건축물대장(집합)을 발급하세요 (a collective building: ask for the collective register)',
        );
      }
      const exclusive = collective && text(options, 'part') === 'exclusive';
      let units = building.units;
      let owners = building.owners.map((owner) => ({ ...owner }));
      if (exclusive) {
        const wanted = text(options, 'unit');
        if (!wanted) return needOption('전유부는 동·호수를 입력해야 합니다 (the exclusive section needs a unit)');
        const unit = building.units.find((candidate) => candidate.unit.replace(/\s/g, '') === wanted.replace(/\s/g, ''));
        if (!unit) return noRecord(`${wanted}: 이 건물에 없는 호수입니다 (no such unit in this building)`);
        units = [unit];
        owners = [{ name: unit.owner, share: '단독소유', since: unit.ownerSince }];
      }
      const body: Body<'building'> = {
        kind: 'building',
        building: buildingSummary(building),
        floors: building.floors.map((floor) => ({ ...floor })),
        units: units.map((unit) => ({ unit: unit.unit, use: unit.use, areaM2: unit.areaM2, owner: unit.owner })),
        owners,
      };
      return ok({ authority: districtAuthority(building.district), body });
    }
    case 'real-estate-registry':
      return registryRecord(registry, text(options, 'propertyType') || 'collective', text(options, 'building'), flag(options, 'currentOnly', false));
    default:
      throw new Error(`${code} needs identity; it is not a public record`);
  }
}

function landBody(code: 'land-ledger' | 'land-price' | 'land-use-plan' | 'land-right-register', parcel: Parcel, withHistory: boolean): Body<'land'> {
  return {
    kind: 'land',
    parcel: { address: parcel.address, landCategory: parcel.landCategory, areaM2: parcel.areaM2 },
    owners: code === 'land-ledger' || code === 'land-right-register' ? parcel.owners.map((owner) => ({ ...owner })) : [],
    ownershipHistory: code === 'land-ledger' && withHistory ? parcel.history.map((entry) => ({ ...entry })) : [],
    officialPrices: code === 'land-price' || code === 'land-ledger' ? parcel.prices.map((price) => ({ ...price })) : [],
    zoning: code === 'land-use-plan' ? parcel.zoning.map((zone) => ({ ...zone })) : [],
    landRights: [],
  };
}

function buildingSummary(building: Building): Body<'building'>['building'] {
  return {
    address: building.address,
    name: building.name,
    mainUse: building.mainUse,
    structure: building.structure,
    floorsAbove: building.floorsAbove,
    floorsBelow: building.floorsBelow,
    totalAreaM2: building.totalAreaM2,
    siteAreaM2: building.siteAreaM2,
    approvalDate: building.approvalDate,
  };
}

type Mortgage = { readonly received: string; readonly amount: number; readonly holder: string; readonly discharged: string | null };

function sectionB(mortgages: readonly Mortgage[], currentOnly: boolean): Body<'real-estate-registry'>['sectionB'] {
  const rows: Body<'real-estate-registry'>['sectionB'] = [];
  for (const mortgage of mortgages) {
    if (currentOnly && mortgage.discharged) continue;
    rows.push({ rank: rows.length + 1, purpose: '근저당권설정', received: mortgage.received, amount: mortgage.amount, holder: mortgage.holder });
    if (mortgage.discharged && !currentOnly) rows.push({ rank: rows.length + 1, purpose: `${rows.length}번근저당권설정등기말소`, received: mortgage.discharged, amount: null, holder: mortgage.holder });
  }
  return rows;
}

/** 부동산등기사항증명서: 갑구 (ownership) and 을구 (mortgages); `currentOnly` leaves out what has been superseded. */
function registryRecord(registry: Registry, propertyType: string, address: string, currentOnly: boolean): Result<Built, RecordProblem> {
  if (!address) return needOption('부동산 소재지를 입력하세요 (enter the property address)');
  const authority = (district: string) => nationalAuthority('registry', district);
  if (propertyType === 'land') {
    const parcel = registry.parcel(address);
    if (!parcel) return noRecord(`${address}: 등기된 토지가 없습니다 (no registered land at that address)`);
    const history = parcel.history.map((entry, index) => ({ rank: index + 1, purpose: index === 0 ? '소유권보존' : '소유권이전', received: entry.date, cause: entry.cause, holder: entry.owner }));
    return ok({
      authority: authority(parcel.district),
      body: {
        kind: 'real-estate-registry',
        property: { address: parcel.address, type: 'land', description: `${parcel.landCategory} ${parcel.areaM2}㎡` },
        sectionA: currentOnly ? history.slice(-1) : history,
        sectionB: sectionB(parcel.mortgages, currentOnly),
      },
    });
  }
  if (propertyType === 'building') {
    const building = registry.building(address);
    if (!building || building.kind !== 'general') return noRecord(`${address}: 등기된 일반건물이 없습니다 (no registered building at that address)`);
    const sectionA = [
      { rank: 1, purpose: '소유권보존', received: building.approvalDate, cause: '신축', holder: building.builder },
      ...building.owners
        .filter((owner) => owner.name !== building.builder)
        .map((owner, index) => ({ rank: index + 2, purpose: '소유권이전', received: owner.since, cause: '매매', holder: `${owner.name} (${owner.share})` })),
    ];
    return ok({
      authority: authority(building.district),
      body: {
        kind: 'real-estate-registry',
        property: { address: building.address, type: 'building', description: `${building.structure} ${building.mainUse} ${building.floorsAbove}층 ${building.totalAreaM2}㎡` },
        sectionA: currentOnly ? sectionA.slice(-1) : sectionA,
        sectionB: sectionB(building.mortgages, currentOnly),
      },
    });
  }
  const found = registry.buildingUnit(address);
  if (!found) {
    return registry.building(address)
      ? needOption('집합건물은 동·호수까지 입력하세요, 예: … 101동 1203호 (name the unit)')
      : noRecord(`${address}: 등기된 집합건물이 없습니다 (no registered collective building at that address)`);
  }
  const { building, unit } = found;
  const sectionA = [
    { rank: 1, purpose: '소유권보존', received: building.approvalDate, cause: '신축', holder: building.builder },
    { rank: 2, purpose: '소유권이전', received: unit.ownerSince, cause: '매매', holder: unit.owner },
  ];
  return ok({
    authority: authority(building.district),
    body: {
      kind: 'real-estate-registry',
      property: { address: `${building.address} ${unit.unit}`, type: 'collective', description: `${building.name} ${unit.unit} ${unit.use} ${unit.areaM2}㎡ (대지권 ${unit.landRatio})` },
      sectionA: currentOnly ? sectionA.slice(-1) : sectionA,
      sectionB: sectionB(unit.mortgages, currentOnly),
    },
  });
}

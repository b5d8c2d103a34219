import type {
  AddressPeriod,
  Building,
  BuildingUnit,
  DemoRole,
  FamilyEvent,
  FamilyRelation,
  Household,
  Parcel,
  Person,
  Population,
  Relative,
  School,
  Sex,
  TaxItem,
  Vehicle,
} from './model';
import { makeName } from './names';
import { DISTRICTS, ELSEWHERE, GEUMJEONG_DONGS, GEUMJEONG_ROADS, roadAddress, type DistrictName } from './places';
import { SeededRandom } from './random';
import { makeResidentNumber } from './resident-number';

/**
 * Generates the synthetic registry from a seed. A fixed cast of residents (the demo roles) guarantees that each of
 * the 36 documents has someone or something to issue for — among them a boarding house near Pusan National
 * University whose 등본 runs to three pages — and a seeded crowd of ordinary households fills the district.
 */
export const DEFAULT_POPULATION_SEED = 'geumjeong-2005';
/** The registry describes this day, whatever the clock says, so that a seed always gives the same records. */
export const POPULATION_AS_OF = '2026-11-01';
const AS_OF_YEAR = 2026;
/** ID cards (and the fingerprint the kiosk compares against) are issued at 17. */
const FINGERPRINT_AGE = 17;
const ORDINARY_HOUSEHOLDS = 30;
const BOARDING_HOUSE_LODGERS = 14;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Draft = Mutable<Person> & {
  family: FamilyRelation[];
  familyEvents: FamilyEvent[];
  localTaxes: TaxItem[];
  nationalTaxes: TaxItem[];
  vehicles: Vehicle[];
  machines: Vehicle[];
  schools: School[];
  personalChanges: { date: string; item: string; before: string; after: string }[];
};

const pad = (value: number, width = 2) => String(value).padStart(width, '0');
const ymd = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
const yearOf = (date: string) => Number(date.slice(0, 4));
function shiftYears(date: string, years: number, months = 0): string {
  const year = yearOf(date) + years;
  const monthIndex = Number(date.slice(5, 7)) - 1 + months;
  const y = year + Math.floor(monthIndex / 12);
  const m = ((monthIndex % 12) + 12) % 12 + 1;
  return ymd(y, m, Math.min(28, Number(date.slice(8, 10))));
}
const ageOn = (birthDate: string, on: string) =>
  yearOf(on) - yearOf(birthDate) - (on.slice(5) < birthDate.slice(5) ? 1 : 0);

function relativeOf(person: Relative): Relative {
  return {
    name: person.name,
    residentNumber: person.residentNumber,
    birthDate: person.birthDate,
    sex: person.sex,
    ...(person.nameHanja ? { nameHanja: person.nameHanja } : {}),
  };
}

class RegistryBuilder {
  readonly rng: SeededRandom;
  private readonly usedNumbers = new Set<string>();
  readonly persons: Draft[] = [];
  readonly households: Household[] = [];
  readonly parcels: Parcel[] = [];
  readonly buildings: Building[] = [];
  private usedPlates = new Set<string>();

  constructor(seed: string) {
    this.rng = new SeededRandom(seed);
  }

  residentNumber(birthDate: string, sex: Sex, issuedOn = birthDate): string {
    for (;;) {
      const number = makeResidentNumber(birthDate, sex, this.rng.digits(5), issuedOn, this.rng.int(0, 9));
      if (!this.usedNumbers.has(number)) {
        this.usedNumbers.add(number);
        return number;
      }
    }
  }

  birthDate(fromYear: number, toYear: number): string {
    return ymd(this.rng.int(fromYear, toYear), this.rng.int(1, 12), this.rng.int(1, 28));
  }

  relative(birthDate: string, sex: Sex, surname?: string): Relative {
    const name = makeName(this.rng, sex, surname);
    return { name: name.name, nameHanja: name.nameHanja, residentNumber: this.residentNumber(birthDate, sex), birthDate, sex };
  }

  elsewhereAddress(): { address: string; district: DistrictName } {
    const place = this.rng.pick(ELSEWHERE);
    return { address: roadAddress(place.district, place.road, this.rng.int(1, 400), place.dong), district: place.district };
  }

  geumjeongAddress(): string {
    return roadAddress('금정구', this.rng.pick(GEUMJEONG_ROADS), this.rng.int(1, 300), this.rng.pick(GEUMJEONG_DONGS));
  }

  /** Moves from birth to the current address: a few past addresses, then the household's from `movedIn`. */
  addressHistory(birthDate: string, current: string, movedIn: string, moves: number): AddressPeriod[] {
    const history: AddressPeriod[] = [];
    let from = birthDate;
    const span = Math.max(1, yearOf(movedIn) - yearOf(birthDate));
    for (let i = 0; i < moves; i++) {
      const address = this.rng.chance(0.5) ? this.geumjeongAddress() : this.elsewhereAddress().address;
      const next = shiftYears(birthDate, Math.round(((i + 1) * span) / (moves + 1)), this.rng.int(0, 11));
      if (next <= from || next >= movedIn) continue;
      history.push({ address, from, to: next, reason: history.length === 0 ? '출생등록' : '전입' });
      from = next;
    }
    history.push({ address: current, from: history.length === 0 ? birthDate : from, to: null, reason: history.length === 0 ? '출생등록' : '전입' });
    // The last period begins when the person moved in.
    const last = history[history.length - 1];
    if (last && history.length > 1) history[history.length - 1] = { ...last, from: movedIn };
    return history;
  }

  person(spec: {
    birthDate: string;
    sex: Sex;
    surname?: string;
    householdId: string;
    relationToHead: string;
    cohabitant?: boolean;
    address: string;
    movedIn: string;
    moves?: number;
    residentNumberIssuedOn?: string;
  }): Draft {
    const name = makeName(this.rng, spec.sex, spec.surname);
    const id = `P${pad(this.persons.length + 1, 4)}`;
    const domicile = this.rng.chance(0.6) ? this.geumjeongAddress().replace(/ \(.*\)$/, '') : this.elsewhereAddress().address.replace(/ \(.*\)$/, '');
    const draft: Draft = {
      id,
      name: name.name,
      nameHanja: name.nameHanja,
      residentNumber: this.residentNumber(spec.birthDate, spec.sex, spec.residentNumberIssuedOn),
      birthDate: spec.birthDate,
      sex: spec.sex,
      householdId: spec.householdId,
      relationToHead: spec.relationToHead,
      cohabitant: spec.cohabitant ?? false,
      movedIn: spec.movedIn,
      addressHistory: this.addressHistory(spec.birthDate, spec.address, spec.movedIn, spec.moves ?? this.rng.int(0, 4)),
      personalChanges: [],
      fingerprintEnrolled: ageOn(spec.birthDate, POPULATION_AS_OF) >= FINGERPRINT_AGE,
      registeredDomicile: domicile,
      family: [],
      familyEvents: [{ type: '출생', date: spec.birthDate, detail: `출생장소 ${this.rng.pick(['부산광역시', '서울특별시', '경상남도 양산시', '대구광역시'])}` }],
      removedRegister: null,
      military: null,
      localTaxes: [],
      nationalTaxes: [],
      arrears: 0,
      business: null,
      welfare: { singleParent: null, disability: null, basicLivelihood: null },
      nationalMerit: false,
      schools: [],
      farm: null,
      vehicles: [],
      machines: [],
      vessel: null,
      health: { eligibility: [], premiums: [] },
    };
    this.persons.push(draft);
    return draft;
  }

  household(address: string, district: DistrictName, build: (householdId: string) => Draft[]): Draft[] {
    const id = `H${pad(this.households.length + 1, 3)}`;
    const members = build(id);
    const head = members[0];
    if (!head) throw new Error('a household needs a head');
    this.households.push({ id, address, district: DISTRICTS[district].district, headId: head.id, memberIds: members.map((member) => member.id) });
    return members;
  }

  marry(husband: Draft, wife: Draft, on: string): void {
    husband.family.push({ relation: '배우자', person: relativeOf(wife) });
    wife.family.push({ relation: '배우자', person: relativeOf(husband) });
    for (const [self, other] of [[husband, wife], [wife, husband]] as const) {
      self.familyEvents.push({ type: '혼인', date: on, detail: `배우자 ${other.name}` });
    }
  }

  parents(child: Draft, father: Relative, mother: Relative, relation: readonly [string, string] = ['부', '모']): void {
    child.family.unshift({ relation: relation[0], person: relativeOf(father) }, { relation: relation[1], person: relativeOf(mother) });
  }

  child(parent: Draft, child: Relative): void {
    parent.family.push({ relation: '자녀', person: relativeOf(child) });
  }

  /** Parents who do not live in the district (or have died): named in records, not residents here. */
  outsideParents(person: Draft): void {
    const father = this.relative(shiftYears(person.birthDate, -this.rng.int(25, 34)), 'M', person.name.slice(0, 1));
    const mother = this.relative(shiftYears(person.birthDate, -this.rng.int(23, 32)), 'F');
    this.parents(person, father, mother);
    if (yearOf(person.birthDate) < 1990) {
      // The family register (호적) was abolished on 2008-01-01; everyone on one then has a removed register.
      person.removedRegister = {
        domicile: person.registeredDomicile,
        members: [
          { relation: '호주', person: father },
          { relation: '처', person: mother },
          { relation: person.sex === 'M' ? '자' : '녀', person: relativeOf(person) },
        ],
        events: [
          { type: '출생', date: person.birthDate, detail: `${person.name} 출생 신고` },
          { type: '제적', date: '2008-01-01', detail: '가족관계의 등록 등에 관한 법률 시행에 따라 제적' },
        ],
      };
    }
  }

  plate(): string {
    for (;;) {
      const plate = `${this.rng.int(10, 399)}${this.rng.pick(['가', '나', '다', '라', '마', '거', '너', '더', '러', '머', '버', '서', '어', '저', '고', '노', '도', '로', '모', '보', '소', '오', '조', '구', '누', '두', '루', '무', '부', '수', '우', '주'])}${this.rng.digits(4)}`;
      if (!this.usedPlates.has(plate)) {
        this.usedPlates.add(plate);
        return plate;
      }
    }
  }

  vehicle(owner: Draft, options: { model?: string; year?: number; mortgage?: number; use?: string } = {}): Vehicle {
    const year = options.year ?? this.rng.int(2012, 2025);
    const registered = ymd(year, this.rng.int(1, 12), this.rng.int(1, 28));
    const plate = this.plate();
    const vehicle: Vehicle = {
      plate,
      model: options.model ?? this.rng.pick(['중형 승용 (가솔린 2.0)', '소형 승용 (하이브리드 1.6)', '대형 승용 (가솔린 3.0)', '경형 승용 (가솔린 1.0)', '다목적 승용 (디젤 2.2)']),
      modelYear: year,
      identificationNumber: `KSY${this.rng.digits(2)}${String.fromCharCode(65 + this.rng.int(0, 25))}${this.rng.digits(2)}${String.fromCharCode(65 + this.rng.int(0, 25))}${this.rng.digits(9)}`,
      firstRegistered: registered,
      use: options.use ?? '자가용',
      entries: [
        { date: registered, item: '신규등록', detail: `소유자 ${owner.name}` },
        ...(this.rng.chance(0.3) ? [{ date: shiftYears(registered, 2), item: '변경등록', detail: '사용본거지 변경' }] : []),
      ],
      mortgages: options.mortgage
        ? [{ date: shiftYears(registered, 0, 1), creditor: this.rng.pick(['금정캐피탈 주식회사', '부산오토파이낸스 주식회사']), amount: options.mortgage }]
        : [],
    };
    owner.vehicles.push(vehicle);
    for (const taxYear of [2023, 2024, 2025]) {
      if (taxYear < year) continue;
      owner.localTaxes.push({ year: taxYear, item: '자동차세', assessed: 260_000, paid: 260_000, dueDate: ymd(taxYear, 6, 30) });
    }
    return vehicle;
  }

  schools(person: Draft, names?: { elementary: string; middle: string; high: string }): void {
    const birthYear = yearOf(person.birthDate);
    const levels = [
      ['elementary', 7, 13, names?.elementary ?? `${this.rng.pick(['금샘', '장전', '구서', '서동', '남산'])}초등학교`],
      ['middle', 13, 16, names?.middle ?? `${this.rng.pick(['금정', '부곡', '서동', '청룡'])}중학교`],
      ['high', 16, 19, names?.high ?? `${this.rng.pick(['금정', '장전', '구서', '금샘'])}고등학교`],
    ] as const;
    const subjects = ['국어', '수학', '영어', '사회', '과학'];
    for (const [level, start, end, name] of levels) {
      const admitted = ymd(birthYear + start, 3, 2);
      const graduated = ymd(birthYear + end, 2, 14);
      if (admitted > POPULATION_AS_OF) continue;
      const grades: School['grades'][number][] = [];
      for (let year = birthYear + start; year < Math.min(birthYear + end, AS_OF_YEAR); year++) {
        for (const term of [1, 2]) {
          for (const subject of subjects) {
            grades.push({ year, term, subject, score: level === 'elementary' ? this.rng.pick(['매우잘함', '잘함', '보통']) : String(this.rng.int(1, 5)) });
          }
        }
      }
      person.schools.push({
        name,
        level,
        admitted,
        graduated: graduated <= POPULATION_AS_OF ? graduated : null,
        grades,
        remarks: Array.from({ length: end - start }, (_, index) => ({
          year: birthYear + start + index,
          text: this.rng.pick(['책임감이 강하고 맡은 일을 성실히 수행함.', '교우 관계가 원만하고 배려심이 깊음.', '학습 태도가 바르고 탐구심이 뛰어남.', '학급 봉사활동에 적극적으로 참여함.']),
        })).filter((remark) => remark.year < AS_OF_YEAR),
      });
    }
  }

  military(person: Draft): void {
    const enlisted = shiftYears(person.birthDate, this.rng.int(19, 22), this.rng.int(0, 11));
    const months = this.rng.int(18, 24);
    const discharged = shiftYears(enlisted, 0, months);
    person.military = {
      serviceNumber: `${enlisted.slice(2, 4)}-${this.rng.digits(8)}`,
      branch: this.rng.pick(['육군', '육군', '육군', '해군', '공군', '해병대']),
      rank: '병장',
      enlisted,
      discharged: discharged <= POPULATION_AS_OF ? discharged : null,
      dischargeReason: discharged <= POPULATION_AS_OF ? '만기전역' : '복무중',
    };
  }

  /** Health insurance and national income taxes by working life; dependants are insured through the household head. */
  working(person: Draft, employer: string | null, householdHead?: Draft): void {
    const age = ageOn(person.birthDate, POPULATION_AS_OF);
    if (employer && age >= 20) {
      const from = shiftYears(person.birthDate, this.rng.int(22, 28), this.rng.int(0, 11));
      const monthly = 90_000 + this.rng.int(0, 160) * 1000;
      person.health = {
        eligibility: [
          ...(householdHead ? [{ type: '피부양자', employer: `${householdHead.name} (세대주)`, from: person.birthDate, to: from }] : []),
          { type: '직장가입자', employer, from, to: null },
        ],
        premiums: premiums(monthly, this.rng.int(0, 10) === 0),
      };
      for (const year of [2022, 2023, 2024, 2025]) {
        const income = (monthly / 0.0354) * 12;
        person.nationalTaxes.push({ year, item: '근로소득', assessed: Math.round(income / 1000) * 1000, paid: Math.round((income * 0.06) / 10) * 10, dueDate: ymd(year + 1, 3, 10) });
      }
    } else if (age >= 20) {
      person.health = {
        eligibility: [{ type: '지역가입자', employer: '-', from: shiftYears(person.birthDate, 20), to: null }],
        premiums: premiums(40_000 + this.rng.int(0, 40) * 1000, false),
      };
    } else {
      person.health = {
        eligibility: [{ type: '피부양자', employer: householdHead ? `${householdHead.name} (세대주)` : '-', from: person.birthDate, to: null }],
        premiums: [],
      };
    }
    if (age >= 20) {
      for (const year of [2023, 2024, 2025]) {
        person.localTaxes.push({ year, item: '주민세(개인분)', assessed: 10_000, paid: 10_000, dueDate: ymd(year, 8, 31) });
      }
    }
  }

  propertyTax(owner: Draft, assessed: number): void {
    for (const year of [2023, 2024, 2025]) {
      owner.localTaxes.push({ year, item: '재산세(주택)', assessed, paid: assessed, dueDate: ymd(year, 9, 30) });
    }
  }
}

function premiums(monthly: number, oneUnpaid: boolean): { month: string; assessed: number; paid: number }[] {
  const out: { month: string; assessed: number; paid: number }[] = [];
  for (let year = 2023; year <= AS_OF_YEAR; year++) {
    for (let month = 1; month <= 12; month++) {
      const key = `${year}-${pad(month)}`;
      if (key >= POPULATION_AS_OF.slice(0, 7)) break;
      const unpaid = oneUnpaid && key === '2025-03';
      out.push({ month: key, assessed: monthly, paid: unpaid ? 0 : monthly });
    }
  }
  return out;
}

const EMPLOYERS = ['금정전자 주식회사', '부산대학교', '부산광역시 금정구청', '장전물산 주식회사', '서동의료재단', '온천장유통 주식회사', '해운대해운 주식회사'];

export function generatePopulation(seed: string = DEFAULT_POPULATION_SEED): Population {
  const b = new RegistryBuilder(seed);
  const rng = b.rng;
  const roles: Partial<Record<DemoRole, string>> = {};

  // ---- the collective building (아파트) and its site, where the demo citizen owns a unit ----------------------
  const apartmentAddress = '부산광역시 금정구 금샘로 210';
  const apartmentParcel = '부산광역시 금정구 구서동 100-1';
  const apartmentUnits: Mutable<BuildingUnit>[] = [];

  // ---- 1. the demo citizen: a household of four in the apartment -----------------------------------------------
  const demoUnit = '101동 1203호';
  const demoHome = roadAddress('금정구', '금샘로', 210, '구서동', demoUnit);
  const [demo, demoSpouse, demoChild, demoBaby] = b.household(demoHome, '금정구', (hid) => {
    const head = b.person({ birthDate: '1984-05-17', sex: 'M', householdId: hid, relationToHead: '본인', address: demoHome, movedIn: '2015-04-01', moves: 4 });
    const spouse = b.person({ birthDate: '1986-09-02', sex: 'F', householdId: hid, relationToHead: '배우자', address: demoHome, movedIn: '2015-04-01', moves: 3 });
    const child = b.person({ birthDate: '2009-03-11', sex: 'F', surname: head.name.slice(0, 1), householdId: hid, relationToHead: '자녀', address: demoHome, movedIn: '2015-04-01', moves: 1 });
    // Born after the October 2020 reform: a resident number without a check digit.
    const baby = b.person({ birthDate: '2021-06-20', sex: 'M', surname: head.name.slice(0, 1), householdId: hid, relationToHead: '자녀', address: demoHome, movedIn: '2021-06-20', moves: 0 });
    return [head, spouse, child, baby];
  }) as [Draft, Draft, Draft, Draft];
  roles['demo-citizen'] = demo.id;
  b.outsideParents(demo);
  b.outsideParents(demoSpouse);
  b.marry(demo, demoSpouse, '2008-10-18');
  for (const kid of [demoChild, demoBaby]) {
    b.parents(kid, demo, demoSpouse);
    b.child(demo, kid);
    b.child(demoSpouse, kid);
    b.working(kid, null, demo);
  }
  b.military(demo);
  b.working(demo, '금정전자 주식회사');
  b.working(demoSpouse, '부산대학교');
  b.vehicle(demo, { model: '중형 승용 (가솔린 2.0)', year: 2021 });
  b.propertyTax(demo, 412_000);
  demo.business = { registrationNumber: `621-${rng.digits(2)}-${rng.digits(5)}`, tradeName: '구서동 주말공방', opened: '2019-03-04', type: '서비스업 / 교육서비스' };
  demo.nationalTaxes.push({ year: 2025, item: '사업소득', assessed: 6_400_000, paid: 192_000, dueDate: '2026-05-31' });
  demo.personalChanges.push({ date: '2010-07-01', item: '주소 정정', before: '금강로 21', after: '금강로 12' });
  b.schools(demoChild);
  apartmentUnits.push({ unit: demoUnit, use: '아파트', areaM2: 84.97, owner: demo.name, ownerSince: '2015-03-20', landRatio: '8520분의 41.23', mortgages: [{ received: '2015-03-20', amount: 180_000_000, holder: '주식회사 부산은행', discharged: null }] });

  // ---- 2. the boarding house near Pusan National University: a household large enough for a 3-page 등본 -------
  const boardingAddress = '부산광역시 금정구 부산대학로63번길 12';
  const boardingHome = `${boardingAddress} (장전동)`;
  const boarding = b.household(boardingHome, '금정구', (hid) => {
    const head = b.person({ birthDate: '1961-02-08', sex: 'M', householdId: hid, relationToHead: '본인', address: boardingHome, movedIn: '1994-09-01', moves: 9 });
    const spouse = b.person({ birthDate: '1964-11-23', sex: 'F', householdId: hid, relationToHead: '배우자', address: boardingHome, movedIn: '1994-09-01', moves: 6 });
    const son = b.person({ birthDate: '1990-01-15', sex: 'M', surname: head.name.slice(0, 1), householdId: hid, relationToHead: '자녀', address: boardingHome, movedIn: '1994-09-01', moves: 1 });
    const daughter = b.person({ birthDate: '1993-07-30', sex: 'F', surname: head.name.slice(0, 1), householdId: hid, relationToHead: '자녀', address: boardingHome, movedIn: '1994-09-01', moves: 1 });
    const mother = b.person({ birthDate: '1936-04-04', sex: 'F', householdId: hid, relationToHead: '모', address: boardingHome, movedIn: '2012-05-10', moves: 5 });
    const lodgers = Array.from({ length: BOARDING_HOUSE_LODGERS }, () =>
      b.person({
        birthDate: b.birthDate(2000, 2007),
        sex: rng.chance(0.5) ? 'M' : 'F',
        householdId: hid,
        relationToHead: '동거인',
        cohabitant: true,
        address: boardingHome,
        movedIn: ymd(rng.int(2021, 2026), rng.pick([2, 3, 8, 9]), rng.int(1, 28)),
        moves: rng.int(1, 2),
      }),
    );
    return [head, spouse, son, daughter, mother, ...lodgers];
  });
  const [bHead, bSpouse, bSon, bDaughter, bMother] = boarding as [Draft, Draft, Draft, Draft, Draft, ...Draft[]];
  roles['boarding-house-head'] = bHead.id;
  const grandfather = b.relative('1932-08-19', 'M', bHead.name.slice(0, 1));
  b.parents(bHead, grandfather, bMother);
  bMother.family.push({ relation: '배우자', person: grandfather }, { relation: '자녀', person: relativeOf(bHead) });
  b.outsideParents(bSpouse);
  b.marry(bHead, bSpouse, '1988-05-21');
  for (const kid of [bSon, bDaughter]) {
    b.parents(kid, bHead, bSpouse);
    b.child(bHead, kid);
    b.child(bSpouse, kid);
  }
  bHead.removedRegister = {
    domicile: bHead.registeredDomicile,
    members: [
      { relation: '호주', person: relativeOf(bHead) },
      { relation: '처', person: relativeOf(bSpouse) },
      { relation: '자', person: relativeOf(bSon) },
      { relation: '녀', person: relativeOf(bDaughter) },
    ],
    events: [
      { type: '호주승계', date: '1985-03-02', detail: `전호주 ${grandfather.name} 사망으로 호주승계` },
      { type: '혼인', date: '1988-05-21', detail: `처 ${bSpouse.name} 혼인신고` },
      { type: '제적', date: '2008-01-01', detail: '가족관계의 등록 등에 관한 법률 시행에 따라 제적' },
    ],
  };
  bHead.business = { registrationNumber: `621-${rng.digits(2)}-${rng.digits(5)}`, tradeName: '장전하숙', opened: '1995-03-01', type: '숙박업 / 하숙' };
  b.working(bHead, null);
  b.working(bSpouse, null);
  b.working(bSon, '장전물산 주식회사');
  b.working(bDaughter, '서동의료재단');
  b.working(bMother, null, bHead);
  b.military(bHead);
  b.military(bSon);
  b.propertyTax(bHead, 688_000);
  for (const lodger of boarding.slice(5)) {
    b.outsideParents(lodger);
    b.working(lodger, null);
  }

  // ---- 3. the farmer in 두구동, with farmland here and in Yangsan ---------------------------------------------
  const farmHome = '부산광역시 금정구 두구동 412';
  const [farmer, farmerSpouse] = b.household(farmHome, '금정구', (hid) => [
    b.person({ birthDate: '1958-10-03', sex: 'M', householdId: hid, relationToHead: '본인', address: farmHome, movedIn: '1983-04-15', moves: 1 }),
    b.person({ birthDate: '1960-01-26', sex: 'F', householdId: hid, relationToHead: '배우자', address: farmHome, movedIn: '1985-11-02', moves: 2 }),
  ]) as [Draft, Draft];
  roles.farmer = farmer.id;
  b.outsideParents(farmer);
  b.outsideParents(farmerSpouse);
  b.marry(farmer, farmerSpouse, '1985-11-02');
  b.military(farmer);
  b.working(farmer, null);
  b.working(farmerSpouse, null, farmer);
  farmer.farm = {
    registrationNumber: `2641${rng.digits(6)}`,
    farmland: [
      { address: '부산광역시 금정구 두구동 521', category: '답', areaM2: 2314, crop: '벼' },
      { address: '부산광역시 금정구 두구동 523-2', category: '전', areaM2: 987, crop: '배추' },
      { address: '경상남도 양산시 동면 가산리 77', category: '전', areaM2: 1650, crop: '매실' },
    ],
  };
  b.vehicle(farmer, { model: '소형 화물 (디젤 2.5)', year: 2016, use: '자가용 (화물)' });

  // ---- 4. the fisher, whose vessel is registered at Gijang ------------------------------------------------------
  const fisherHome = b.geumjeongAddress();
  const [fisher] = b.household(fisherHome, '금정구', (hid) => [
    b.person({ birthDate: '1971-12-12', sex: 'M', householdId: hid, relationToHead: '본인', address: fisherHome, movedIn: '2018-02-20', moves: 3 }),
  ]) as [Draft];
  roles.fisher = fisher.id;
  b.outsideParents(fisher);
  b.military(fisher);
  b.working(fisher, null);
  fisher.vessel = {
    name: '제7금정호',
    registrationNumber: `${rng.digits(7)}-${rng.digits(5)}`,
    grossTonnage: 9.77,
    homePort: '부산광역시 기장군 대변항',
    built: '2012-06-30',
    fishingType: '연안복합어업',
    entries: [
      { date: '2012-07-15', item: '등록', detail: '신규 등록' },
      { date: '2019-03-04', item: '소유자 변경', detail: `소유자 ${fisher.name}` },
    ],
  };
  fisher.nationalTaxes.push({ year: 2025, item: '사업소득', assessed: 31_200_000, paid: 1_880_000, dueDate: '2026-05-31' });

  // ---- 5. the contractor: construction machinery, a mortgaged truck, a commercial building ----------------------
  const contractorHome = b.geumjeongAddress();
  const [contractor, contractorSpouse] = b.household(contractorHome, '금정구', (hid) => [
    b.person({ birthDate: '1969-03-27', sex: 'M', householdId: hid, relationToHead: '본인', address: contractorHome, movedIn: '2004-08-30', moves: 4 }),
    b.person({ birthDate: '1972-05-05', sex: 'F', householdId: hid, relationToHead: '배우자', address: contractorHome, movedIn: '2004-08-30', moves: 3 }),
  ]) as [Draft, Draft];
  roles.contractor = contractor.id;
  b.outsideParents(contractor);
  b.outsideParents(contractorSpouse);
  b.marry(contractor, contractorSpouse, '1998-04-12');
  b.military(contractor);
  b.working(contractor, null);
  b.working(contractorSpouse, null, contractor);
  contractor.business = { registrationNumber: `621-${rng.digits(2)}-${rng.digits(5)}`, tradeName: '금정중기건설', opened: '2006-05-15', type: '건설업 / 토공사' };
  contractor.nationalTaxes.push({ year: 2024, item: '사업소득', assessed: 58_000_000, paid: 5_100_000, dueDate: '2025-05-31' });
  contractor.nationalTaxes.push({ year: 2025, item: '사업소득', assessed: 61_500_000, paid: 5_400_000, dueDate: '2026-05-31' });
  b.vehicle(contractor, { model: '중형 화물 (디젤 5.0)', year: 2020, mortgage: 42_000_000, use: '사업용 (화물)' });
  contractor.machines.push({
    plate: `부산${pad(rng.int(1, 99))}-${rng.digits(4)}`,
    model: '굴착기 (무한궤도식, 0.6㎥)',
    modelYear: 2018,
    identificationNumber: `EX${rng.digits(10)}`,
    firstRegistered: '2018-09-11',
    use: '영업용',
    entries: [
      { date: '2018-09-11', item: '신규등록', detail: `소유자 ${contractor.name}` },
      { date: '2024-09-10', item: '정기검사', detail: '적합' },
    ],
    mortgages: [{ date: '2018-09-11', creditor: '부산중기할부 주식회사', amount: 35_000_000 }],
  });
  contractor.localTaxes.push({ year: 2025, item: '재산세(건축물)', assessed: 1_240_000, paid: 1_240_000, dueDate: '2025-07-31' });

  // ---- 6. the single parent, whose resident number was changed in 2022 (no check digit) -------------------------
  const singleHome = b.geumjeongAddress();
  const [single, singleKid1, singleKid2] = b.household(singleHome, '금정구', (hid) => [
    b.person({ birthDate: '1988-08-08', sex: 'F', householdId: hid, relationToHead: '본인', address: singleHome, movedIn: '2020-12-01', moves: 3, residentNumberIssuedOn: '2022-03-15' }),
    b.person({ birthDate: '2013-02-19', sex: 'M', householdId: hid, relationToHead: '자녀', address: singleHome, movedIn: '2020-12-01', moves: 1 }),
    b.person({ birthDate: '2016-10-07', sex: 'F', householdId: hid, relationToHead: '자녀', address: singleHome, movedIn: '2020-12-01', moves: 1 }),
  ]) as [Draft, Draft, Draft];
  roles['single-parent'] = single.id;
  b.outsideParents(single);
  const exSpouse = b.relative('1985-01-30', 'M');
  single.familyEvents.push({ type: '혼인', date: '2011-05-14', detail: `배우자 ${exSpouse.name}` }, { type: '이혼', date: '2019-11-20', detail: `배우자 ${exSpouse.name}와 협의이혼` });
  single.personalChanges.push({ date: '2022-03-15', item: '주민등록번호 변경', before: '(변경 전 번호)', after: '(현재 번호)' });
  for (const kid of [singleKid1, singleKid2]) {
    b.parents(kid, exSpouse, single);
    b.child(single, kid);
    b.working(kid, null, single);
    b.schools(kid);
  }
  b.working(single, '서동의료재단');
  single.welfare = { ...single.welfare, singleParent: { since: '2020-01-10' } };

  // ---- 7. the resident with a disability --------------------------------------------------------------------
  const disabledHome = b.geumjeongAddress();
  const [disabled, disabledSpouse] = b.household(disabledHome, '금정구', (hid) => [
    b.person({ birthDate: '1975-06-14', sex: 'M', householdId: hid, relationToHead: '본인', address: disabledHome, movedIn: '2010-10-10', moves: 3 }),
    b.person({ birthDate: '1977-02-22', sex: 'F', householdId: hid, relationToHead: '배우자', address: disabledHome, movedIn: '2010-10-10', moves: 2 }),
  ]) as [Draft, Draft];
  roles.disabled = disabled.id;
  b.outsideParents(disabled);
  b.outsideParents(disabledSpouse);
  b.marry(disabled, disabledSpouse, '2003-10-03');
  b.working(disabled, null);
  b.working(disabledSpouse, '금정전자 주식회사');
  disabled.welfare = { ...disabled.welfare, disability: { status: '장애의 정도가 심한 장애인 (지체)', since: '2009-04-21' } };

  // ---- 8. the basic livelihood recipient, living alone --------------------------------------------------------
  const recipientHome = b.geumjeongAddress();
  const [recipient] = b.household(recipientHome, '금정구', (hid) => [
    b.person({ birthDate: '1944-09-09', sex: 'F', householdId: hid, relationToHead: '본인', address: recipientHome, movedIn: '1999-03-03', moves: 5 }),
  ]) as [Draft];
  roles['livelihood-recipient'] = recipient.id;
  b.outsideParents(recipient);
  b.working(recipient, null);
  recipient.welfare = { ...recipient.welfare, basicLivelihood: { status: '생계급여·의료급여(1종)·주거급여 수급자', since: '2016-07-01' } };

  // ---- 9. the adoptee and 10. the full adoptee (친양자) -------------------------------------------------------
  const adopteeHome = b.geumjeongAddress();
  const [adoptee] = b.household(adopteeHome, '금정구', (hid) => [
    b.person({ birthDate: '1992-04-25', sex: 'F', householdId: hid, relationToHead: '본인', address: adopteeHome, movedIn: '2019-09-01', moves: 2 }),
  ]) as [Draft];
  roles.adoptee = adoptee.id;
  b.outsideParents(adoptee);
  const adoptiveFather = b.relative('1960-12-01', 'M');
  const adoptiveMother = b.relative('1962-03-17', 'F');
  adoptee.family.push({ relation: '양부', person: adoptiveFather }, { relation: '양모', person: adoptiveMother });
  adoptee.familyEvents.push({ type: '입양', date: '1998-06-10', detail: `양부 ${adoptiveFather.name}, 양모 ${adoptiveMother.name}` });
  b.working(adoptee, '부산광역시 금정구청');
  b.schools(adoptee);

  const fullHome = b.geumjeongAddress();
  const [fullAdoptee] = b.household(fullHome, '금정구', (hid) => [
    b.person({ birthDate: '2000-11-02', sex: 'M', householdId: hid, relationToHead: '본인', address: fullHome, movedIn: '2022-02-25', moves: 2 }),
  ]) as [Draft];
  roles['full-adoptee'] = fullAdoptee.id;
  const fullFather = b.relative('1968-07-07', 'M', fullAdoptee.name.slice(0, 1));
  const fullMother = b.relative('1970-08-15', 'F');
  const birthFather = b.relative('1979-01-05', 'M');
  const birthMother = b.relative('1981-05-09', 'F');
  b.parents(fullAdoptee, fullFather, fullMother);
  // The full-adoption certificate alone shows the birth parents; the others show the adoptive parents as 부/모.
  fullAdoptee.family.push({ relation: '친생부', person: birthFather }, { relation: '친생모', person: birthMother });
  fullAdoptee.familyEvents.push({ type: '친양자입양', date: '2009-05-20', detail: `양부 ${fullFather.name}, 양모 ${fullMother.name} (부산가정법원 친양자입양 재판확정)` });
  b.military(fullAdoptee);
  b.working(fullAdoptee, '부산대학교');
  b.schools(fullAdoptee);

  // ---- 11. the graduate: high school class of 2020 (the catalogue's default year) --------------------------------
  const graduateHome = b.geumjeongAddress();
  const [graduate] = b.household(graduateHome, '금정구', (hid) => [
    b.person({ birthDate: '2001-04-18', sex: 'F', householdId: hid, relationToHead: '본인', address: graduateHome, movedIn: '2020-03-01', moves: 2 }),
  ]) as [Draft];
  roles.graduate = graduate.id;
  b.outsideParents(graduate);
  b.working(graduate, null);
  b.schools(graduate, { elementary: '금샘초등학교', middle: '서동중학교', high: '장전고등학교' });

  // ---- 12. the veteran (national merit) ------------------------------------------------------------------------
  const veteranHome = b.geumjeongAddress();
  const [veteran, veteranSpouse] = b.household(veteranHome, '금정구', (hid) => [
    b.person({ birthDate: '1948-01-20', sex: 'M', householdId: hid, relationToHead: '본인', address: veteranHome, movedIn: '1989-05-05', moves: 6 }),
    b.person({ birthDate: '1951-03-03', sex: 'F', householdId: hid, relationToHead: '배우자', address: veteranHome, movedIn: '1989-05-05', moves: 4 }),
  ]) as [Draft, Draft];
  roles.veteran = veteran.id;
  b.outsideParents(veteran);
  b.outsideParents(veteranSpouse);
  b.marry(veteran, veteranSpouse, '1975-12-06');
  veteran.military = { serviceNumber: `68-${rng.digits(8)}`, branch: '육군', rank: '하사', enlisted: '1968-03-04', discharged: '1971-02-27', dischargeReason: '전상 (국가유공자)' };
  veteran.nationalMerit = true;
  b.working(veteran, null);
  b.working(veteranSpouse, null, veteran);

  // ---- 13. a resident of Dongnae-gu (out-of-district fees at Geumjeong kiosks) -----------------------------------
  const outsideHome = roadAddress('동래구', '온천장로', 88, '온천동');
  const [outsider] = b.household(outsideHome, '동래구', (hid) => [
    b.person({ birthDate: '1979-07-21', sex: 'M', householdId: hid, relationToHead: '본인', address: outsideHome, movedIn: '2011-01-17', moves: 3 }),
  ]) as [Draft];
  roles['out-of-district'] = outsider.id;
  b.outsideParents(outsider);
  b.military(outsider);
  b.working(outsider, '온천장유통 주식회사');
  b.vehicle(outsider);

  // ---- the seeded crowd: ordinary households, most in Geumjeong-gu ----------------------------------------------
  for (let i = 0; i < ORDINARY_HOUSEHOLDS; i++) {
    const inDistrict = rng.chance(0.8);
    let apartmentUnit: string | null = null;
    if (inDistrict && apartmentUnits.length < 12 && rng.chance(0.4)) {
      const unit = `${rng.pick(['101', '102'])}동 ${rng.int(1, 15)}0${rng.int(1, 4)}호`;
      if (!apartmentUnits.some((existing) => existing.unit === unit)) apartmentUnit = unit;
    }
    const place = apartmentUnit
      ? { address: roadAddress('금정구', '금샘로', 210, '구서동', apartmentUnit), district: '금정구' as DistrictName }
      : inDistrict
        ? { address: b.geumjeongAddress(), district: '금정구' as DistrictName }
        : b.elsewhereAddress();
    const shape = rng.pick(['single', 'couple', 'family', 'family', 'elderly'] as const);
    const headBirth = shape === 'elderly' ? b.birthDate(1940, 1955) : shape === 'single' ? b.birthDate(1975, 2004) : b.birthDate(1960, 1990);
    const movedIn = b.birthDate(Math.max(yearOf(headBirth) + 20, 1990), 2025);
    const members = b.household(place.address, place.district, (hid) => {
      const headSex: Sex = rng.chance(0.6) ? 'M' : 'F';
      const head = b.person({ birthDate: headBirth, sex: headSex, householdId: hid, relationToHead: '본인', address: place.address, movedIn });
      const list = [head];
      if (shape !== 'single') {
        list.push(b.person({ birthDate: shiftYears(headBirth, rng.int(-3, 3)), sex: headSex === 'M' ? 'F' : 'M', householdId: hid, relationToHead: '배우자', address: place.address, movedIn }));
      }
      if (shape === 'family') {
        const children = rng.int(1, 3);
        for (let c = 0; c < children; c++) {
          const birth = b.birthDate(Math.max(yearOf(headBirth) + 24, 1990), Math.min(yearOf(headBirth) + 40, 2024));
          list.push(b.person({ birthDate: birth, sex: rng.chance(0.5) ? 'M' : 'F', surname: headSex === 'M' ? head.name.slice(0, 1) : undefined, householdId: hid, relationToHead: '자녀', address: place.address, movedIn: birth > movedIn ? birth : movedIn, moves: 0 }));
        }
      }
      return list;
    });
    const [head, spouse, ...children] = members as [Draft, Draft | undefined, ...Draft[]];
    b.outsideParents(head);
    if (spouse) {
      b.outsideParents(spouse);
      const [husband, wife] = head.sex === 'M' ? [head, spouse] : [spouse, head];
      b.marry(husband, wife, shiftYears(head.birthDate, rng.int(24, 32)));
    }
    for (const kid of children) {
      const [father, mother] = head.sex === 'M' ? [head, spouse] : [spouse, head];
      if (father && mother) b.parents(kid, father, mother);
      b.child(head, kid);
      if (spouse) b.child(spouse, kid);
      b.working(kid, ageOn(kid.birthDate, POPULATION_AS_OF) >= 24 && rng.chance(0.7) ? rng.pick(EMPLOYERS) : null, head);
      if (yearOf(kid.birthDate) >= 1995) b.schools(kid);
      if (kid.sex === 'M' && ageOn(kid.birthDate, POPULATION_AS_OF) >= 24 && rng.chance(0.8)) b.military(kid);
    }
    b.working(head, shape === 'elderly' || rng.chance(0.3) ? null : rng.pick(EMPLOYERS));
    if (spouse) b.working(spouse, rng.chance(0.5) ? rng.pick(EMPLOYERS) : null, head);
    for (const adult of [head, spouse]) {
      if (adult && adult.sex === 'M' && yearOf(adult.birthDate) >= 1950 && rng.chance(0.8)) b.military(adult);
      if (adult && ageOn(adult.birthDate, POPULATION_AS_OF) >= 20 && rng.chance(0.45)) b.vehicle(adult);
    }
    if (shape === 'elderly' && rng.chance(0.3)) head.welfare = { ...head.welfare, basicLivelihood: { status: '의료급여(2종) 수급자', since: b.birthDate(2010, 2024) } };
    if (apartmentUnit) {
      apartmentUnits.push({ unit: apartmentUnit, use: '아파트', areaM2: rng.pick([59.92, 84.97, 114.6]), owner: head.name, ownerSince: movedIn, landRatio: `8520분의 ${rng.int(28, 58)}.${pad(rng.int(0, 99))}`, mortgages: [] });
      b.propertyTax(head, rng.int(180, 520) * 1000);
    }
  }

  // ---- properties: the apartment, the boarding house, the contractor's building, farmland, forest ---------------
  const landPrices = (base: number) => [2021, 2022, 2023, 2024, 2025].map((year, index) => ({ year, pricePerM2: Math.round((base * (1 + 0.035 * index)) / 100) * 100 }));
  const residential = [{ law: '국토의 계획 및 이용에 관한 법률', designation: '제2종일반주거지역' }];
  b.parcels.push({
    address: apartmentParcel,
    district: '금정구',
    landCategory: '대',
    areaM2: 8520,
    owners: apartmentUnits.map((unit) => ({ name: unit.owner, share: unit.landRatio, since: unit.ownerSince, cause: '대지권' })),
    history: [
      { date: '2007-03-12', cause: '소유권보존', owner: '금정샘터주택 주식회사' },
      { date: '2009-11-30', cause: '집합건물 대지권 설정', owner: '구분소유자 (대지권)' },
    ],
    prices: landPrices(2_150_000),
    zoning: [...residential, { law: '건축법', designation: '가로구역별 최고높이 제한지역' }],
    mortgages: [],
  });
  b.buildings.push({
    address: apartmentAddress,
    district: '금정구',
    name: '금정샘터아파트',
    kind: 'collective',
    mainUse: '공동주택 (아파트)',
    structure: '철근콘크리트구조',
    floorsAbove: 15,
    floorsBelow: 2,
    totalAreaM2: 31_880.4,
    siteAreaM2: 8520,
    approvalDate: '2009-11-30',
    parcelAddress: apartmentParcel,
    builder: '금정샘터주택 주식회사',
    floors: [
      { floor: '지하2층', use: '주차장', areaM2: 4_210.2 },
      { floor: '지하1층', use: '주차장·기계실', areaM2: 4_210.2 },
      ...Array.from({ length: 15 }, (_, index) => ({ floor: `${index + 1}층`, use: '아파트', areaM2: 1_564.0 })),
    ],
    units: apartmentUnits,
    owners: [],
    mortgages: [],
  });

  const boardingParcel = '부산광역시 금정구 장전동 418-7';
  b.parcels.push({
    address: boardingParcel,
    district: '금정구',
    landCategory: '대',
    areaM2: 264.5,
    owners: [{ name: bHead.name, share: '단독소유', since: '1994-08-20', cause: '매매' }],
    history: [
      { date: '1978-05-02', cause: '소유권보존', owner: grandfather.name },
      { date: '1985-03-02', cause: '상속', owner: bMother.name },
      { date: '1994-08-20', cause: '매매', owner: bHead.name },
    ],
    prices: landPrices(1_480_000),
    zoning: residential,
    mortgages: [{ received: '1994-08-20', amount: 60_000_000, holder: '금정신용협동조합', discharged: '2004-08-19' }],
  });
  b.buildings.push({
    address: boardingAddress,
    district: '금정구',
    name: '장전하숙',
    kind: 'general',
    mainUse: '단독주택 (다중주택)',
    structure: '철근콘크리트구조',
    floorsAbove: 3,
    floorsBelow: 0,
    totalAreaM2: 412.8,
    siteAreaM2: 264.5,
    approvalDate: '1995-02-14',
    parcelAddress: boardingParcel,
    builder: bHead.name,
    floors: [
      { floor: '1층', use: '다중주택', areaM2: 148.2 },
      { floor: '2층', use: '다중주택', areaM2: 132.3 },
      { floor: '3층', use: '다중주택', areaM2: 132.3 },
    ],
    units: [],
    owners: [{ name: bHead.name, share: '단독소유', since: '1995-02-14' }],
    mortgages: [{ received: '2016-05-30', amount: 120_000_000, holder: '주식회사 부산은행', discharged: null }],
  });

  const commercialAddress = '부산광역시 금정구 중앙대로 1795';
  const commercialParcel = '부산광역시 금정구 부곡동 221-3';
  b.parcels.push({
    address: commercialParcel,
    district: '금정구',
    landCategory: '대',
    areaM2: 496.1,
    owners: [
      { name: contractor.name, share: '2분의 1', since: '2012-10-08', cause: '매매' },
      { name: contractorSpouse.name, share: '2분의 1', since: '2012-10-08', cause: '매매' },
    ],
    history: [
      { date: '1991-01-22', cause: '소유권보존', owner: '부곡상사 주식회사' },
      { date: '2012-10-08', cause: '매매', owner: `${contractor.name}, ${contractorSpouse.name}` },
    ],
    prices: landPrices(3_420_000),
    zoning: [{ law: '국토의 계획 및 이용에 관한 법률', designation: '일반상업지역' }],
    mortgages: [{ received: '2012-10-08', amount: 400_000_000, holder: '주식회사 경남은행', discharged: null }],
  });
  b.buildings.push({
    address: commercialAddress,
    district: '금정구',
    name: '금정중기빌딩',
    kind: 'general',
    mainUse: '제2종근린생활시설',
    structure: '철골철근콘크리트구조',
    floorsAbove: 5,
    floorsBelow: 1,
    totalAreaM2: 1_882.6,
    siteAreaM2: 496.1,
    approvalDate: '2014-06-27',
    parcelAddress: commercialParcel,
    builder: contractor.name,
    floors: [
      { floor: '지하1층', use: '주차장', areaM2: 310.4 },
      { floor: '1층', use: '소매점', areaM2: 318.2 },
      { floor: '2층', use: '사무소', areaM2: 313.5 },
      { floor: '3층', use: '사무소', areaM2: 313.5 },
      { floor: '4층', use: '사무소', areaM2: 313.5 },
      { floor: '5층', use: '사무소', areaM2: 313.5 },
    ],
    units: [],
    owners: [
      { name: contractor.name, share: '2분의 1', since: '2014-06-27' },
      { name: contractorSpouse.name, share: '2분의 1', since: '2014-06-27' },
    ],
    mortgages: [{ received: '2014-07-03', amount: 650_000_000, holder: '주식회사 경남은행', discharged: null }],
  });

  const agricultural = [{ law: '국토의 계획 및 이용에 관한 법률', designation: '자연녹지지역' }, { law: '농지법', designation: '농업진흥구역 밖' }];
  for (const land of farmer.farm.farmland) {
    const district: DistrictName = land.address.includes('양산시') ? '양산시' : '금정구';
    b.parcels.push({
      address: land.address,
      district: DISTRICTS[district].district,
      landCategory: land.category,
      areaM2: land.areaM2,
      owners: [{ name: farmer.name, share: '단독소유', since: '1987-02-11', cause: '상속' }],
      history: [
        { date: '1962-09-01', cause: '소유권보존', owner: farmer.family.find((relation) => relation.relation === '부')?.person.name ?? '미상' },
        { date: '1987-02-11', cause: '상속', owner: farmer.name },
      ],
      prices: landPrices(district === '양산시' ? 96_000 : 184_000),
      zoning: agricultural,
      mortgages: [],
    });
  }
  // 임야: the 'land (forest) ledger' half of document 11.
  b.parcels.push({
    address: '부산광역시 금정구 청룡동 산 12',
    district: '금정구',
    landCategory: '임야',
    areaM2: 18_420,
    owners: [{ name: veteran.name, share: '단독소유', since: '1992-06-17', cause: '매매' }],
    history: [
      { date: '1970-04-30', cause: '소유권보존', owner: '범어문중' },
      { date: '1992-06-17', cause: '매매', owner: veteran.name },
    ],
    prices: landPrices(31_000),
    zoning: [
      { law: '국토의 계획 및 이용에 관한 법률', designation: '자연녹지지역' },
      { law: '개발제한구역의 지정 및 관리에 관한 특별조치법', designation: '개발제한구역' },
    ],
    mortgages: [],
  });
  b.propertyTax(farmer, 96_000);
  b.propertyTax(veteran, 152_000);

  const persons: Person[] = b.persons;
  return {
    seed,
    asOf: POPULATION_AS_OF,
    persons,
    households: b.households,
    parcels: b.parcels,
    buildings: b.buildings,
    roles: roles as Record<DemoRole, string>,
  };
}

import { z } from 'zod';

/**
 * What goes on a certificate: the record the central office returns for a document request, one shape per
 * document family. This is the contract between central-office (which produces records from the synthetic
 * population) and printer-templates (which lays them out). The kiosk holds a record in memory only for the
 * session that prints it (domain.md, "Privacy"): records are never written to the kiosk's disk.
 *
 * Resident numbers arrive in full; masking to `900101-1******` is the template's job, as the citizen chose.
 * Dates are `YYYY-MM-DD`; areas in square metres; money in won.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const won = z.number().int().nonnegative();

export const residentNumberText = z.string().regex(/^\d{6}-\d{7}$/, 'a resident number 000000-0000000');

export const Person = z.object({
  name: z.string().min(1),
  residentNumber: residentNumberText,
  /** Name in Chinese characters where the registry has it (가족관계 certificates print it). */
  nameHanja: z.string().optional(),
});
export type Person = z.infer<typeof Person>;

export const IssuingAuthority = z.object({
  /** The name printed above the seal, e.g. `부산광역시 금정구청장`. */
  name: z.string().min(1),
  /** Administrative code of the authority (10 digits for districts). */
  code: z.string().min(1),
  /** The district (시군구) name used to decide in-district fees, e.g. `금정구`. */
  district: z.string().min(1),
});
export type IssuingAuthority = z.infer<typeof IssuingAuthority>;

export const AddressPeriod = z.object({
  address: z.string().min(1),
  from: isoDate,
  to: isoDate.nullable(),
  /** 전입, 전출, 정정 … */
  reason: z.string(),
});

export const ResidentRegistrationRecord = z.object({
  kind: z.literal('resident-registration'),
  householder: Person,
  currentAddress: z.string().min(1),
  members: z
    .array(
      z.object({
        person: Person,
        relationToHead: z.string(),
        movedIn: isoDate,
        /** 거주, 동거인 … */
        status: z.string(),
        cohabitant: z.boolean(),
      }),
    )
    .min(1),
  /** The applicant's own address history (초본) or the household's (등본 with past addresses). */
  addressHistory: z.array(AddressPeriod),
  personalChanges: z.array(z.object({ date: isoDate, item: z.string(), before: z.string(), after: z.string() })),
  militaryService: z
    .object({ branch: z.string(), rank: z.string(), enlisted: isoDate, discharged: isoDate.nullable() })
    .nullable(),
  /** The applicant within the household. */
  applicant: Person,
});

export const FamilyRelationRecord = z.object({
  kind: z.literal('family-relation'),
  /** 등록기준지 */
  registeredDomicile: z.string().min(1),
  subject: Person.extend({ birthDate: isoDate, sex: z.enum(['M', 'F']) }),
  relations: z.array(
    z.object({
      /** 부, 모, 배우자, 자녀, 양부, 양모, 친생부 … */
      relation: z.string(),
      person: Person,
      birthDate: isoDate,
      sex: z.enum(['M', 'F']),
    }),
  ),
  events: z.array(
    z.object({
      /** 출생, 혼인, 입양, 이혼, 사망, 제적 … */
      type: z.string(),
      date: isoDate,
      detail: z.string(),
    }),
  ),
});

export const MilitaryRecord = z.object({
  kind: z.literal('military'),
  subject: Person,
  serviceNumber: z.string(),
  branch: z.string(),
  rank: z.string(),
  enlisted: isoDate,
  discharged: isoDate.nullable(),
  dischargeReason: z.string(),
});

export const LandRecord = z.object({
  kind: z.literal('land'),
  parcel: z.object({
    address: z.string(),
    /** 지목: 대, 전, 답, 임야 … */
    landCategory: z.string(),
    areaM2: z.number().positive(),
  }),
  owners: z.array(z.object({ name: z.string(), share: z.string(), since: isoDate, cause: z.string() })),
  ownershipHistory: z.array(z.object({ date: isoDate, cause: z.string(), owner: z.string() })),
  /** 개별공시지가 per year, won per m². */
  officialPrices: z.array(z.object({ year: z.number().int(), pricePerM2: won })),
  /** 용도지역·지구 for the land-use plan confirmation. */
  zoning: z.array(z.object({ law: z.string(), designation: z.string() })),
  /** 대지권 for the land-right register: the building and the shares of each unit. */
  landRights: z.array(z.object({ unit: z.string(), ratio: z.string(), owner: z.string() })),
});

export const BuildingRecord = z.object({
  kind: z.literal('building'),
  building: z.object({
    address: z.string(),
    name: z.string(),
    mainUse: z.string(),
    structure: z.string(),
    floorsAbove: z.number().int().nonnegative(),
    floorsBelow: z.number().int().nonnegative(),
    totalAreaM2: z.number().positive(),
    siteAreaM2: z.number().positive(),
    approvalDate: isoDate,
  }),
  floors: z.array(z.object({ floor: z.string(), use: z.string(), areaM2: z.number().positive() })),
  units: z.array(z.object({ unit: z.string(), use: z.string(), areaM2: z.number().positive(), owner: z.string() })),
  owners: z.array(z.object({ name: z.string(), share: z.string(), since: isoDate })),
});

export const RealEstateRegistryRecord = z.object({
  kind: z.literal('real-estate-registry'),
  property: z.object({ address: z.string(), type: z.enum(['land', 'building', 'collective']), description: z.string() }),
  /** 갑구: ownership */
  sectionA: z.array(z.object({ rank: z.number().int(), purpose: z.string(), received: isoDate, cause: z.string(), holder: z.string() })),
  /** 을구: rights other than ownership (mortgages, leases) */
  sectionB: z.array(
    z.object({ rank: z.number().int(), purpose: z.string(), received: isoDate, amount: won.nullable(), holder: z.string() }),
  ),
});

export const TaxRecord = z.object({
  kind: z.literal('tax'),
  subject: Person.extend({ address: z.string() }),
  /** Assessed items (세목별 과세, 소득금액) or the statement that nothing is in arrears (납세증명). */
  items: z.array(
    z.object({ year: z.number().int(), item: z.string(), assessed: won, paid: won, dueDate: isoDate }),
  ),
  arrears: won,
  business: z
    .object({ registrationNumber: z.string(), tradeName: z.string(), opened: isoDate, type: z.string() })
    .nullable(),
});

export const WelfareRecord = z.object({
  kind: z.literal('welfare'),
  subject: Person.extend({ address: z.string() }),
  /** 장애 정도, 수급 종류, 한부모 지원 대상 … */
  status: z.string(),
  since: isoDate,
  household: z.array(z.object({ relation: z.string(), person: Person })),
});

export const EducationRecord = z.object({
  kind: z.literal('education'),
  subject: Person.extend({ birthDate: isoDate }),
  school: z.object({ name: z.string(), level: z.enum(['elementary', 'middle', 'high']), admitted: isoDate, graduated: isoDate.nullable() }),
  grades: z.array(z.object({ year: z.number().int(), term: z.number().int(), subject: z.string(), score: z.string() })),
  remarks: z.array(z.object({ year: z.number().int(), text: z.string() })),
});

export const AgricultureRecord = z.object({
  kind: z.literal('agriculture'),
  subject: Person.extend({ address: z.string() }),
  registrationNumber: z.string(),
  farmland: z.array(z.object({ address: z.string(), category: z.string(), areaM2: z.number().positive(), crop: z.string() })),
});

export const VehicleRecord = z.object({
  kind: z.literal('vehicle-machinery'),
  owner: Person.extend({ address: z.string() }),
  vehicle: z.object({
    registrationNumber: z.string(),
    model: z.string(),
    modelYear: z.number().int(),
    identificationNumber: z.string(),
    firstRegistered: isoDate,
    use: z.string(),
  }),
  /** 갑부: registration entries; 을부: mortgages on the vehicle. */
  entries: z.array(z.object({ date: isoDate, item: z.string(), detail: z.string() })),
  mortgages: z.array(z.object({ date: isoDate, creditor: z.string(), amount: won })),
});

export const VesselRecord = z.object({
  kind: z.literal('fisheries'),
  owner: Person.extend({ address: z.string() }),
  vessel: z.object({
    name: z.string(),
    registrationNumber: z.string(),
    grossTonnage: z.number().positive(),
    homePort: z.string(),
    built: isoDate,
    fishingType: z.string(),
  }),
  entries: z.array(z.object({ date: isoDate, item: z.string(), detail: z.string() })),
});

export const HealthInsuranceRecord = z.object({
  kind: z.literal('health-insurance'),
  subject: Person,
  eligibility: z.array(z.object({ type: z.string(), employer: z.string(), from: isoDate, to: isoDate.nullable() })),
  premiums: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), assessed: won, paid: won })),
});

export const CertificateRecordBody = z.discriminatedUnion('kind', [
  ResidentRegistrationRecord,
  FamilyRelationRecord,
  MilitaryRecord,
  LandRecord,
  BuildingRecord,
  RealEstateRegistryRecord,
  TaxRecord,
  WelfareRecord,
  EducationRecord,
  AgricultureRecord,
  VehicleRecord,
  VesselRecord,
  HealthInsuranceRecord,
]);
export type CertificateRecordBody = z.infer<typeof CertificateRecordBody>;

/** Which record kind each document family receives. Land and building share families with their records. */
export const RECORD_KIND_OF_FAMILY = {
  'resident-registration': 'resident-registration',
  'family-relation': 'family-relation',
  military: 'military',
  land: 'land',
  building: 'building',
  'real-estate-registry': 'real-estate-registry',
  'local-tax': 'tax',
  'national-tax': 'tax',
  welfare: 'welfare',
  education: 'education',
  agriculture: 'agriculture',
  'vehicle-machinery': 'vehicle-machinery',
  fisheries: 'fisheries',
  'health-insurance': 'health-insurance',
} as const satisfies Record<string, CertificateRecordBody['kind']>;

/** The central office's answer to a record request: the body plus who issues it. */
export const CertificateRecord = z.object({
  documentCode: z.string(),
  authority: IssuingAuthority,
  body: CertificateRecordBody,
});
export type CertificateRecord = z.infer<typeof CertificateRecord>;

/**
 * The synthetic registry the central office answers from: fictional residents, households, properties and the
 * records each document draws on. Generated deterministically from a seed (generate.ts); never real people.
 */
export type Sex = 'M' | 'F';
export type PersonId = string;

export type AddressPeriod = { readonly address: string; readonly from: string; readonly to: string | null; readonly reason: string };

/** Someone named in a record who need not be a resident of the population (a deceased parent, a relative abroad). */
export type Relative = {
  readonly name: string;
  readonly nameHanja?: string;
  readonly residentNumber: string;
  readonly birthDate: string;
  readonly sex: Sex;
};

export type FamilyRelation = { readonly relation: string; readonly person: Relative };
export type FamilyEvent = { readonly type: string; readonly date: string; readonly detail: string };

export type TaxItem = { readonly year: number; readonly item: string; readonly assessed: number; readonly paid: number; readonly dueDate: string };

export type School = {
  readonly name: string;
  readonly level: 'elementary' | 'middle' | 'high';
  readonly admitted: string;
  readonly graduated: string | null;
  readonly grades: readonly { readonly year: number; readonly term: number; readonly subject: string; readonly score: string }[];
  readonly remarks: readonly { readonly year: number; readonly text: string }[];
};

export type Vehicle = {
  readonly plate: string;
  readonly model: string;
  readonly modelYear: number;
  readonly identificationNumber: string;
  readonly firstRegistered: string;
  readonly use: string;
  readonly entries: readonly { readonly date: string; readonly item: string; readonly detail: string }[];
  readonly mortgages: readonly { readonly date: string; readonly creditor: string; readonly amount: number }[];
};

export type Machine = Vehicle;

export type Vessel = {
  readonly name: string;
  readonly registrationNumber: string;
  readonly grossTonnage: number;
  readonly homePort: string;
  readonly built: string;
  readonly fishingType: string;
  readonly entries: readonly { readonly date: string; readonly item: string; readonly detail: string }[];
};

export type Person = Relative & {
  readonly id: PersonId;
  readonly householdId: string;
  /** 본인 (the head), 배우자, 자녀, 부, 모, 손, 동거인 … */
  readonly relationToHead: string;
  readonly cohabitant: boolean;
  readonly movedIn: string;
  /** The person's addresses, oldest first; the last one (to = null) is the household's current address. */
  readonly addressHistory: readonly AddressPeriod[];
  readonly personalChanges: readonly { readonly date: string; readonly item: string; readonly before: string; readonly after: string }[];
  /** Only ID-card holders (17 and over) have an enrolled fingerprint. */
  readonly fingerprintEnrolled: boolean;
  readonly registeredDomicile: string;
  readonly family: readonly FamilyRelation[];
  readonly familyEvents: readonly FamilyEvent[];
  /** The pre-2008 family register (호적) this person was removed from, when there was one. */
  readonly removedRegister: {
    readonly domicile: string;
    readonly members: readonly FamilyRelation[];
    readonly events: readonly FamilyEvent[];
  } | null;
  readonly military: {
    readonly serviceNumber: string;
    readonly branch: string;
    readonly rank: string;
    readonly enlisted: string;
    readonly discharged: string | null;
    readonly dischargeReason: string;
  } | null;
  readonly localTaxes: readonly TaxItem[];
  readonly nationalTaxes: readonly TaxItem[];
  readonly arrears: number;
  readonly business: { readonly registrationNumber: string; readonly tradeName: string; readonly opened: string; readonly type: string } | null;
  readonly welfare: {
    readonly singleParent: { readonly since: string } | null;
    readonly disability: { readonly status: string; readonly since: string } | null;
    readonly basicLivelihood: { readonly status: string; readonly since: string } | null;
  };
  readonly nationalMerit: boolean;
  readonly schools: readonly School[];
  readonly farm: {
    readonly registrationNumber: string;
    readonly farmland: readonly { readonly address: string; readonly category: string; readonly areaM2: number; readonly crop: string }[];
  } | null;
  readonly vehicles: readonly Vehicle[];
  readonly machines: readonly Machine[];
  readonly vessel: Vessel | null;
  readonly health: {
    readonly eligibility: readonly { readonly type: string; readonly employer: string; readonly from: string; readonly to: string | null }[];
    /** Monthly premiums for the last years, `YYYY-MM`. */
    readonly premiums: readonly { readonly month: string; readonly assessed: number; readonly paid: number }[];
  };
};

export type Household = {
  readonly id: string;
  readonly address: string;
  readonly district: string;
  readonly headId: PersonId;
  readonly memberIds: readonly PersonId[];
};

export type Parcel = {
  readonly address: string;
  readonly district: string;
  /** 지목: 대, 전, 답, 임야 … */
  readonly landCategory: string;
  readonly areaM2: number;
  readonly owners: readonly { readonly name: string; readonly share: string; readonly since: string; readonly cause: string }[];
  readonly history: readonly { readonly date: string; readonly cause: string; readonly owner: string }[];
  readonly prices: readonly { readonly year: number; readonly pricePerM2: number }[];
  readonly zoning: readonly { readonly law: string; readonly designation: string }[];
  readonly mortgages: readonly { readonly received: string; readonly amount: number; readonly holder: string; readonly discharged: string | null }[];
};

export type BuildingUnit = {
  readonly unit: string;
  readonly use: string;
  readonly areaM2: number;
  readonly owner: string;
  readonly ownerSince: string;
  /** 대지권 비율, e.g. `8520분의 84.12`. */
  readonly landRatio: string;
  readonly mortgages: readonly { readonly received: string; readonly amount: number; readonly holder: string; readonly discharged: string | null }[];
};

export type Building = {
  readonly address: string;
  readonly district: string;
  readonly name: string;
  readonly kind: 'general' | 'collective';
  readonly mainUse: string;
  readonly structure: string;
  readonly floorsAbove: number;
  readonly floorsBelow: number;
  readonly totalAreaM2: number;
  readonly siteAreaM2: number;
  readonly approvalDate: string;
  /** The parcel the building stands on. */
  readonly parcelAddress: string;
  readonly builder: string;
  readonly floors: readonly { readonly floor: string; readonly use: string; readonly areaM2: number }[];
  readonly units: readonly BuildingUnit[];
  readonly owners: readonly { readonly name: string; readonly share: string; readonly since: string }[];
  readonly mortgages: readonly { readonly received: string; readonly amount: number; readonly holder: string; readonly discharged: string | null }[];
};

export type Population = {
  readonly seed: string;
  /** The date the registry describes (records are as of this day). */
  readonly asOf: string;
  readonly persons: readonly Person[];
  readonly households: readonly Household[];
  readonly parcels: readonly Parcel[];
  readonly buildings: readonly Building[];
  /** Persons the demo names by role (the simulator panel lists them). */
  readonly roles: Readonly<Record<DemoRole, PersonId>>;
};

export type DemoRole =
  | 'demo-citizen'
  | 'boarding-house-head'
  | 'farmer'
  | 'fisher'
  | 'contractor'
  | 'single-parent'
  | 'disabled'
  | 'livelihood-recipient'
  | 'adoptee'
  | 'full-adoptee'
  | 'graduate'
  | 'veteran'
  | 'out-of-district';

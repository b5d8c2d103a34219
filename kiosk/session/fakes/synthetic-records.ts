import { documentOf, type DocumentCode } from '../../../catalog';
import { RECORD_KIND_OF_FAMILY, type CertificateRecord, type CertificateRecordBody } from '../../../catalog/records';

/**
 * Small but valid records of every kind for the fake central office (the real one builds them from its synthetic
 * population). Resident numbers appear in them as they do in real records: the session must keep them in memory
 * only, which the privacy tests check against the database.
 */
const AUTHORITY = { name: '부산광역시 금정구청장', code: '2641000000', district: '금정구' };

function person(residentNumber: string) {
  return { name: '김민원', residentNumber };
}

function bodyFor(code: DocumentCode, residentNumber: string): CertificateRecordBody {
  const kind = RECORD_KIND_OF_FAMILY[documentOf(code).family];
  const subject = person(residentNumber);
  const address = '부산광역시 금정구 부산대학로 63';
  switch (kind) {
    case 'resident-registration':
      return {
        kind,
        householder: subject,
        currentAddress: address,
        members: [{ person: subject, relationToHead: '본인', movedIn: '2015-03-02', status: '거주', cohabitant: false }],
        addressHistory: [{ address, from: '2015-03-02', to: null, reason: '전입' }],
        personalChanges: [],
        militaryService: null,
        applicant: subject,
      };
    case 'family-relation':
      return {
        kind,
        registeredDomicile: '부산광역시 금정구',
        subject: { ...subject, birthDate: '1990-01-01', sex: 'M' },
        relations: [],
        events: [{ type: '출생', date: '1990-01-01', detail: '부산광역시에서 출생' }],
      };
    case 'military':
      return { kind, subject, serviceNumber: '10-12345678', branch: '육군', rank: '병장', enlisted: '2010-03-02', discharged: '2011-12-01', dischargeReason: '만기전역' };
    case 'land':
      return {
        kind,
        parcel: { address: '부산광역시 금정구 장전동 123-4', landCategory: '대', areaM2: 230.5 },
        owners: [{ name: '김민원', share: '1/1', since: '2015-03-02', cause: '매매' }],
        ownershipHistory: [],
        officialPrices: [{ year: 2026, pricePerM2: 1_850_000 }],
        zoning: [{ law: '국토의 계획 및 이용에 관한 법률', designation: '제2종일반주거지역' }],
        landRights: [],
      };
    case 'building':
      return {
        kind,
        building: { address, name: '금정빌딩', mainUse: '업무시설', structure: '철근콘크리트구조', floorsAbove: 5, floorsBelow: 1, totalAreaM2: 1200, siteAreaM2: 400, approvalDate: '2001-06-30' },
        floors: [{ floor: '1층', use: '근린생활시설', areaM2: 240 }],
        units: [],
        owners: [{ name: '김민원', share: '1/1', since: '2015-03-02' }],
      };
    case 'real-estate-registry':
      return {
        kind,
        property: { address, type: 'building', description: '철근콘크리트구조 5층 업무시설' },
        sectionA: [{ rank: 1, purpose: '소유권보존', received: '2001-07-02', cause: '신축', holder: '김민원' }],
        sectionB: [],
      };
    case 'tax':
      return { kind, subject: { ...subject, address }, items: [], arrears: 0, business: null };
    case 'welfare':
      return { kind, subject: { ...subject, address }, status: '수급자', since: '2020-01-01', household: [] };
    case 'education':
      return {
        kind,
        subject: { ...subject, birthDate: '1990-01-01' },
        school: { name: '금정고등학교', level: 'high', admitted: '2006-03-02', graduated: '2009-02-10' },
        grades: [],
        remarks: [],
      };
    case 'agriculture':
      return { kind, subject: { ...subject, address }, registrationNumber: '2641-0001', farmland: [] };
    case 'vehicle-machinery':
      return {
        kind,
        owner: { ...subject, address },
        vehicle: { registrationNumber: '12가3456', model: '소나타', modelYear: 2020, identificationNumber: 'KMHxx', firstRegistered: '2020-05-01', use: '자가용' },
        entries: [],
        mortgages: [],
      };
    case 'fisheries':
      return {
        kind,
        owner: { ...subject, address },
        vessel: { name: '금정호', registrationNumber: '9401001-6260002', grossTonnage: 4.9, homePort: '부산', built: '2010-04-01', fishingType: '연안복합' },
        entries: [],
      };
    case 'health-insurance':
      return { kind, subject, eligibility: [{ type: '직장가입자', employer: '금정상사', from: '2015-03-02', to: null }], premiums: [] };
  }
}

export function syntheticRecord(code: DocumentCode, residentNumber: string): CertificateRecord {
  return { documentCode: code, authority: AUTHORITY, body: bodyFor(code, residentNumber) };
}

import type { IssuingAuthority } from '../../catalog/records';
import { DISTRICTS, type District } from '../population/places';

/**
 * Who issues what (the name above the seal). District offices issue resident, land, building and local-tax
 * documents for their own district; national bodies issue the rest. `district` is always the district of the
 * subject (the resident's household or the property), which is what the in-district fee (관내) compares with the
 * kiosk's own district.
 */
export function districtByName(name: string): District {
  const found = Object.values(DISTRICTS).find((district) => district.district === name);
  if (!found) throw new Error(`no district named ${name}`);
  return found;
}

export function districtAuthority(districtName: string): IssuingAuthority {
  const district = districtByName(districtName);
  return { name: district.authority, code: district.code, district: district.district };
}

const NATIONAL = {
  military: { name: '병무청장', code: '1300000' },
  registry: { name: '부산지방법원 등기국 등기관', code: '2641051' },
  familyCourt: { name: '법원행정처 가족관계등록관', code: '2641052' },
  taxOffice: { name: '동래세무서장', code: '1210000' },
  agriculture: { name: '국립농산물품질관리원장', code: '1543000' },
  vehicles: { name: '부산광역시장', code: '2600000000' },
  health: { name: '국민건강보험공단 이사장', code: '1352000' },
} as const;

export type NationalBody = keyof typeof NATIONAL;

export function nationalAuthority(body: NationalBody, subjectDistrict: string): IssuingAuthority {
  return { ...NATIONAL[body], district: subjectDistrict };
}

export function schoolAuthority(schoolName: string, subjectDistrict: string): IssuingAuthority {
  return { name: `${schoolName}장`, code: '7240000', district: subjectDistrict };
}

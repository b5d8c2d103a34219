/**
 * Place names for the synthetic registry: Geumjeong-gu (금정구, Busan) where the demo kiosks stand, and places
 * elsewhere for out-of-district residents and past addresses. Road and lot numbers are made up.
 */
export type District = { readonly district: string; readonly city: string; readonly authority: string; readonly code: string };

export const DISTRICTS = {
  금정구: { district: '금정구', city: '부산광역시', authority: '부산광역시 금정구청장', code: '2641000000' },
  동래구: { district: '동래구', city: '부산광역시', authority: '부산광역시 동래구청장', code: '2626000000' },
  해운대구: { district: '해운대구', city: '부산광역시', authority: '부산광역시 해운대구청장', code: '2635000000' },
  기장군: { district: '기장군', city: '부산광역시', authority: '부산광역시 기장군수', code: '2671000000' },
  양산시: { district: '양산시', city: '경상남도', authority: '경상남도 양산시장', code: '4833000000' },
  김해시: { district: '김해시', city: '경상남도', authority: '경상남도 김해시장', code: '4825000000' },
  종로구: { district: '종로구', city: '서울특별시', authority: '서울특별시 종로구청장', code: '1111000000' },
  수성구: { district: '수성구', city: '대구광역시', authority: '대구광역시 수성구청장', code: '2726000000' },
} as const satisfies Record<string, District>;

export type DistrictName = keyof typeof DISTRICTS;

/** Dong (법정동) and road names of Geumjeong-gu used for household addresses. */
export const GEUMJEONG_DONGS = ['장전동', '구서동', '부곡동', '서동', '금사동', '남산동', '청룡동', '노포동', '선동', '두구동', '회동동'] as const;
export const GEUMJEONG_ROADS = ['중앙대로', '부산대학로', '금강로', '금샘로', '서동로', '구서로', '식물원로', '체육공원로'] as const;

/** Roads elsewhere, with their district, for past addresses and out-of-district households. */
export const ELSEWHERE: readonly { readonly district: DistrictName; readonly road: string; readonly dong: string }[] = [
  { district: '동래구', road: '온천장로', dong: '온천동' },
  { district: '동래구', road: '충렬대로', dong: '명륜동' },
  { district: '해운대구', road: '해운대로', dong: '우동' },
  { district: '기장군', road: '기장해안로', dong: '기장읍' },
  { district: '양산시', road: '물금로', dong: '물금읍' },
  { district: '김해시', road: '가야로', dong: '내동' },
  { district: '종로구', road: '종로', dong: '관철동' },
  { district: '수성구', road: '달구벌대로', dong: '범어동' },
];

export function roadAddress(district: DistrictName, road: string, number: number, dong: string, detail?: string): string {
  const place = DISTRICTS[district];
  return `${place.city} ${place.district} ${road} ${number}${detail ? `, ${detail}` : ''} (${dong})`;
}

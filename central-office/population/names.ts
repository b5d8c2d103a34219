import type { SeededRandom } from './random';
import type { Sex } from './model';

/**
 * Fictional Korean names: a common surname and two given-name syllables, with hanja where the table has them.
 * Any match with a real person is coincidence; the resident numbers beside them are random too.
 */
const SURNAMES: readonly (readonly [string, string])[] = [
  ['김', '金'], ['이', '李'], ['박', '朴'], ['최', '崔'], ['정', '鄭'], ['강', '姜'], ['조', '趙'], ['윤', '尹'],
  ['장', '張'], ['임', '林'], ['한', '韓'], ['오', '吳'], ['서', '徐'], ['신', '申'], ['권', '權'], ['황', '黃'],
  ['안', '安'], ['송', '宋'], ['류', '柳'], ['홍', '洪'],
];

const SHARED: readonly (readonly [string, string])[] = [
  ['민', '敏'], ['서', '瑞'], ['지', '智'], ['현', '賢'], ['윤', '允'], ['수', '秀'], ['영', '英'], ['재', '在'],
  ['성', '成'], ['진', '眞'], ['승', '承'], ['유', '裕'], ['경', '京'], ['정', '貞'], ['주', '周'], ['하', '夏'],
];
const MALE: readonly (readonly [string, string])[] = [
  ['준', '俊'], ['우', '宇'], ['도', '道'], ['호', '浩'], ['철', '哲'], ['훈', '勳'], ['태', '泰'], ['동', '東'],
  ['석', '錫'], ['건', '健'], ['혁', '赫'], ['원', '源'],
];
const FEMALE: readonly (readonly [string, string])[] = [
  ['연', '姸'], ['은', '恩'], ['희', '姬'], ['미', '美'], ['숙', '淑'], ['아', '雅'], ['혜', '惠'], ['나', '娜'],
  ['린', '璘'], ['빈', '彬'], ['소', '昭'], ['예', '藝'],
];

export type GeneratedName = { readonly name: string; readonly nameHanja: string; readonly surname: string };

export function surnameOf(name: string): string {
  return name.slice(0, 1);
}

export function makeName(rng: SeededRandom, sex: Sex, surname?: string): GeneratedName {
  const family = surname ? (SURNAMES.find(([hangul]) => hangul === surname) ?? [surname, '']) : rng.pick(SURNAMES);
  const pool = [...SHARED, ...(sex === 'M' ? MALE : FEMALE)];
  const first = rng.pick(pool);
  let second = rng.pick(pool);
  while (second[0] === first[0]) second = rng.pick(pool);
  const hanja = family[1] && first[1] && second[1] ? `${family[1]}${first[1]}${second[1]}` : '';
  return { name: `${family[0]}${first[0]}${second[0]}`, nameHanja: hanja, surname: family[0] };
}

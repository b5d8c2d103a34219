import type { DocumentCode } from '../../../catalog';
import { defineTemplate, option, type AnyCertificateTemplate } from '../template';
import { fieldRows } from './shared';

/**
 * 부동산등기사항증명서 in its three parts: 표제부 (the property), 갑구 (ownership) and 을구 (other rights).
 * "Current entries only" keeps the ownership entry in force (the last of 갑구); 을구 lists what the record holds.
 */
const PROPERTY_TYPE = { land: '토지', building: '건물', collective: '집합건물' } as const;

const registry = defineTemplate({
  recordKind: 'real-estate-registry',
  subtitle: (context) => (option.flag(context, 'currentOnly') ? '- 현재 유효사항 -' : '- 말소사항 포함 -'),
  statement: () => '이 증명서는 등기기록의 내용과 틀림없음을 증명합니다.',
  draw(form, record, context) {
    form.heading(`【 표 제 부 】 (${PROPERTY_TYPE[record.property.type]}의 표시)`);
    form.fields(
      fieldRows(
        [
          ['소재지번', record.property.address],
          ['표 시', record.property.description],
        ],
        1,
      ),
    );
    form.space(8);
    const ownership = option.flag(context, 'currentOnly') ? record.sectionA.slice(-1) : record.sectionA;
    form.heading('【 갑 구 】 (소유권에 관한 사항)');
    form.table(
      [
        { header: '순위번호', weight: 0.7, align: 'center' },
        { header: '등기목적', weight: 1.2, align: 'center' },
        { header: '접수', weight: 1, align: 'center' },
        { header: '등기원인', weight: 1.3 },
        { header: '권리자 및 기타사항', weight: 2 },
      ],
      ownership.map((entry) => [String(entry.rank), entry.purpose, entry.received, entry.cause, entry.holder]),
    );
    form.space(8);
    form.heading('【 을 구 】 (소유권 이외의 권리에 관한 사항)');
    form.table(
      [
        { header: '순위번호', weight: 0.7, align: 'center' },
        { header: '등기목적', weight: 1.2, align: 'center' },
        { header: '접수', weight: 1, align: 'center' },
        { header: '채권최고액 등', weight: 1.4, align: 'right' },
        { header: '권리자 및 기타사항', weight: 1.9 },
      ],
      record.sectionB.map((entry) => [
        String(entry.rank),
        entry.purpose,
        entry.received,
        entry.amount === null ? '-' : `금${entry.amount.toLocaleString('en-US')}원`,
        entry.holder,
      ]),
      { empty: '기록사항 없음' },
    );
    form.space(4);
    form.notes(['이 증명서는 발급일 현재의 등기기록을 표시합니다.']);
  },
});

export const realEstateRegistryTemplates: Partial<Record<DocumentCode, AnyCertificateTemplate>> = {
  'real-estate-registry': registry,
};

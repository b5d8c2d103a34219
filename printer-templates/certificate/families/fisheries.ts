import type { DocumentCode } from '../../../catalog';
import { defineTemplate, type AnyCertificateTemplate } from '../template';
import { fieldRows } from './shared';

/** 어선원부: the vessel, its owner and the register entries. */
const fishingVessel = defineTemplate({
  recordKind: 'fisheries',
  statement: () => '위 어선원부는 원부의 기록사항과 틀림없음을 증명합니다.',
  draw(form, record, context) {
    const vessel = record.vessel;
    form.heading('어선 표시');
    form.fields(
      fieldRows([
        ['어선명', vessel.name],
        ['어선번호', vessel.registrationNumber],
        ['총톤수', `${vessel.grossTonnage}톤`],
        ['선적항', vessel.homePort],
        ['진수일', vessel.built],
        ['어업 종류', vessel.fishingType],
      ]),
    );
    form.space(8);
    form.heading('소유자');
    form.fields(
      fieldRows([
        ['성 명', record.owner.name],
        ['주민등록번호', context.residentNumber(record.owner.residentNumber)],
        ['주 소', record.owner.address],
      ]),
    );
    form.space(8);
    form.heading('등록 사항');
    form.table(
      [
        { header: '일자', weight: 1, align: 'center' },
        { header: '사항', weight: 1.2, align: 'center' },
        { header: '내용', weight: 3.2 },
      ],
      record.entries.map((entry) => [entry.date, entry.item, entry.detail]),
    );
  },
});

export const fisheriesTemplates: Partial<Record<DocumentCode, AnyCertificateTemplate>> = {
  'fishing-vessel': fishingVessel,
};

import type { DocumentCode } from '../../../catalog';
import { periodEnd } from '../dates';
import { defineTemplate, type AnyCertificateTemplate } from '../template';
import { fieldRows, purposeField } from './shared';

/** 병적증명서: one person's service record from the Military Manpower Administration. */
const militaryService = defineTemplate({
  recordKind: 'military',
  statement: () => '위와 같이 병적사항을 증명합니다.',
  draw(form, record, context) {
    form.heading('인적 사항');
    form.fields(
      fieldRows([
        ['성 명', record.subject.name],
        ['주민등록번호', context.residentNumber(record.subject.residentNumber)],
      ]),
    );
    form.space(8);
    form.heading('병적 사항');
    form.fields(
      fieldRows([
        ['군 번', record.serviceNumber],
        ['군 별', record.branch],
        ['계 급', record.rank],
        ['입영일자', record.enlisted],
        ['전역일자', periodEnd(record.discharged)],
        ['전역사유', record.dischargeReason],
        purposeField(context),
      ]),
    );
    form.space(6);
    form.notes(['이 증명서는 병역법에 따른 병적 기록을 근거로 발급되었습니다.']);
  },
});

export const militaryTemplates: Partial<Record<DocumentCode, AnyCertificateTemplate>> = {
  'military-service': militaryService,
};

import type { DocumentCode } from '../../../catalog';
import { defineTemplate, type AnyCertificateTemplate, type CertificateTemplate } from '../template';
import { fieldRows } from './shared';

/** Welfare certificates: the person, the entitlement and the household it covers. */
function welfareTemplate(statusLabel: string, statement: string): CertificateTemplate<'welfare'> {
  return defineTemplate({
    recordKind: 'welfare',
    statement: () => statement,
    draw(form, record, context) {
      form.heading('대상자');
      form.fields(
        fieldRows([
          ['성 명', record.subject.name],
          ['주민등록번호', context.residentNumber(record.subject.residentNumber)],
          ['주 소', record.subject.address],
        ]),
      );
      form.space(8);
      form.heading('자격 사항');
      form.fields(fieldRows([[statusLabel, record.status], ['결정일', record.since]]));
      form.space(8);
      form.heading('가구원');
      form.table(
        [
          { header: '관계', weight: 1, align: 'center' },
          { header: '성 명', weight: 1.5, align: 'center' },
          { header: '주민등록번호', weight: 2, align: 'center' },
        ],
        record.household.map((member) => [member.relation, member.person.name, context.residentNumber(member.person.residentNumber)]),
      );
    },
  });
}

export const welfareTemplates: Partial<Record<DocumentCode, AnyCertificateTemplate>> = {
  'single-parent-family': welfareTemplate('지원 구분', '위 사람은 「한부모가족지원법」에 따른 지원대상자임을 증명합니다.'),
  disability: welfareTemplate('장애 정도', '위 사람은 「장애인복지법」에 따라 등록된 장애인임을 증명합니다.'),
  'basic-livelihood': welfareTemplate('급여 종류', '위 사람은 「국민기초생활 보장법」에 따른 수급자임을 증명합니다.'),
};

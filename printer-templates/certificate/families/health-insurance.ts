import type { DocumentCode } from '../../../catalog';
import { periodEnd } from '../dates';
import { defineTemplate, option, type AnyCertificateTemplate } from '../template';
import { fieldRows, won } from './shared';

/** National Health Insurance papers: eligibility history and premiums paid. */
const eligibility = defineTemplate({
  recordKind: 'health-insurance',
  statement: () => '위와 같이 건강보험 자격 취득·상실 사실을 확인합니다.',
  draw(form, record, context) {
    form.heading('가입자');
    form.fields(
      fieldRows([
        ['성 명', record.subject.name],
        ['주민등록번호', context.residentNumber(record.subject.residentNumber)],
      ]),
    );
    form.space(8);
    form.heading('자격 득실 내역');
    form.table(
      [
        { header: '가입자 구분', weight: 1.2, align: 'center' },
        { header: '사업장 명칭', weight: 2.4 },
        { header: '자격 취득일', weight: 1, align: 'center' },
        { header: '자격 상실일', weight: 1, align: 'center' },
      ],
      record.eligibility.map((period) => [period.type, period.employer, period.from, periodEnd(period.to)]),
    );
  },
});

const premium = defineTemplate({
  recordKind: 'health-insurance',
  subtitle: (context) => {
    const year = option.number(context, 'taxYear');
    return year === null ? null : `( ${year}년 )`;
  },
  statement: () => '위와 같이 건강보험료 납부 사실을 확인합니다.',
  draw(form, record, context) {
    const year = option.number(context, 'taxYear');
    const months = year === null ? record.premiums : record.premiums.filter((month) => month.month.startsWith(`${year}-`));
    form.heading('가입자');
    form.fields(
      fieldRows([
        ['성 명', record.subject.name],
        ['주민등록번호', context.residentNumber(record.subject.residentNumber)],
      ]),
    );
    form.space(8);
    form.heading('보험료 납부 내역');
    form.table(
      [
        { header: '납부 연월', weight: 1, align: 'center' },
        { header: '고지 금액', weight: 1.5, align: 'right' },
        { header: '납부 금액', weight: 1.5, align: 'right' },
      ],
      months.map((month) => [month.month, won(month.assessed), won(month.paid)]),
    );
    form.fields([
      [
        ['고지 합계', won(months.reduce((sum, month) => sum + month.assessed, 0))],
        ['납부 합계', won(months.reduce((sum, month) => sum + month.paid, 0))],
      ],
    ]);
  },
});

export const healthInsuranceTemplates: Partial<Record<DocumentCode, AnyCertificateTemplate>> = {
  'health-insurance-eligibility': eligibility,
  'health-insurance-premium': premium,
};

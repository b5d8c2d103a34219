import type { DocumentCode } from '../../../catalog';
import type { FormWriter } from '../form';
import { defineTemplate, option, type AnyCertificateTemplate, type RecordOfKind, type TemplateContext } from '../template';
import { fieldRows, purposeField, won } from './shared';

/** Local-tax (지방세) and national-tax (국세) certificates share the taxpayer block and the item tables. */
type TaxRecord = RecordOfKind<'tax'>;

function drawTaxpayer(form: FormWriter, record: TaxRecord, context: TemplateContext): void {
  form.heading('납세자');
  form.fields(
    fieldRows([
      ['성 명', record.subject.name],
      ['주민등록번호', context.residentNumber(record.subject.residentNumber)],
      ['주 소', record.subject.address],
      purposeField(context),
    ]),
  );
  form.space(8);
}

function itemsOfYear(record: TaxRecord, context: TemplateContext): TaxRecord['items'] {
  const year = option.number(context, 'taxYear');
  return year === null ? record.items : record.items.filter((item) => item.year === year);
}

function yearLine(context: TemplateContext): string | null {
  const year = option.number(context, 'taxYear');
  return year === null ? null : `( ${year}년 귀속 )`;
}

function drawArrears(form: FormWriter, record: TaxRecord): void {
  form.heading('체납 내역');
  form.fields([[['체납액', record.arrears === 0 ? `${won(0)} (체납 없음)` : won(record.arrears)]]]);
  form.space(6);
}

function paymentStatement(record: TaxRecord, tax: string): string {
  return record.arrears === 0
    ? `위 납세자는 증명서 발급일 현재 ${tax} 체납액이 없음을 증명합니다.`
    : `위 납세자의 증명서 발급일 현재 ${tax} 체납액은 ${won(record.arrears)}입니다.`;
}

const localTaxAssessment = defineTemplate({
  recordKind: 'tax',
  subtitle: yearLine,
  statement: () => '위와 같이 지방세 세목별 과세 사실을 증명합니다.',
  draw(form, record, context) {
    drawTaxpayer(form, record, context);
    const items = itemsOfYear(record, context);
    form.heading('세목별 과세 내역');
    form.table(
      [
        { header: '과세연도', weight: 0.8, align: 'center' },
        { header: '세 목', weight: 1.6 },
        { header: '과세액', weight: 1.2, align: 'right' },
        { header: '납부액', weight: 1.2, align: 'right' },
        { header: '납기', weight: 1, align: 'center' },
      ],
      items.map((item) => [String(item.year), item.item, won(item.assessed), won(item.paid), item.dueDate]),
    );
    const assessed = items.reduce((sum, item) => sum + item.assessed, 0);
    const paid = items.reduce((sum, item) => sum + item.paid, 0);
    form.fields([[['과세액 합계', won(assessed)], ['납부액 합계', won(paid)]]]);
  },
});

const localTaxPayment = defineTemplate({
  recordKind: 'tax',
  statement: (record) => paymentStatement(record, '지방세'),
  draw(form, record, context) {
    drawTaxpayer(form, record, context);
    drawArrears(form, record);
    form.notes(['이 증명서는 발급일 현재의 납세 사실을 증명하며, 유효기간은 발급일로부터 30일입니다.']);
  },
});

const nationalTaxPayment = defineTemplate({
  recordKind: 'tax',
  statement: (record) => paymentStatement(record, '국세'),
  draw(form, record, context) {
    drawTaxpayer(form, record, context);
    drawArrears(form, record);
    form.notes(['이 증명서는 발급일 현재의 국세 납세 사실을 증명하며, 유효기간은 발급일로부터 30일입니다.']);
  },
});

const businessRegistration = defineTemplate({
  recordKind: 'tax',
  statement: (record) =>
    record.business ? '위와 같이 사업자등록 사실을 증명합니다.' : '위 신청인은 증명서 발급일 현재 등록된 사업자가 아닙니다.',
  draw(form, record, context) {
    const business = record.business;
    form.heading('사업자 등록 사항');
    form.fields(
      fieldRows([
        ['상 호', business?.tradeName ?? '-'],
        ['사업자등록번호', business?.registrationNumber ?? '-'],
        ['대표자', record.subject.name],
        ['주민등록번호', context.residentNumber(record.subject.residentNumber)],
        ['개업일', business?.opened ?? '-'],
        ['업태·종목', business?.type ?? '-'],
        ['사업장 소재지', record.subject.address],
        purposeField(context),
      ]),
    );
  },
});

const incomeAmount = defineTemplate({
  recordKind: 'tax',
  subtitle: yearLine,
  statement: () => '위와 같이 소득금액을 증명합니다.',
  draw(form, record, context) {
    drawTaxpayer(form, record, context);
    const items = itemsOfYear(record, context);
    form.heading('소득 내역');
    form.table(
      [
        { header: '귀속연도', weight: 0.8, align: 'center' },
        { header: '소득 구분', weight: 1.6 },
        { header: '소득금액', weight: 1.3, align: 'right' },
        { header: '결정세액', weight: 1.2, align: 'right' },
      ],
      items.map((item) => [String(item.year), item.item, won(item.assessed), won(item.paid)]),
    );
  },
});

export const taxTemplates: Partial<Record<DocumentCode, AnyCertificateTemplate>> = {
  'local-tax-assessment': localTaxAssessment,
  'local-tax-payment': localTaxPayment,
  'national-tax-payment': nationalTaxPayment,
  'business-registration': businessRegistration,
  'income-amount': incomeAmount,
};

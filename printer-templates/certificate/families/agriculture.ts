import type { DocumentCode } from '../../../catalog';
import type { FormWriter } from '../form';
import { defineTemplate, type AnyCertificateTemplate, type RecordOfKind, type TemplateContext } from '../template';
import { area, fieldRows } from './shared';

/** 농지대장 and 농업경영체 등록확인서: the farmer and the farmland. */
type AgricultureRecord = RecordOfKind<'agriculture'>;

function drawFarmer(form: FormWriter, record: AgricultureRecord, context: TemplateContext, registrationLabel: string): void {
  form.heading('신청인');
  form.fields(
    fieldRows([
      ['성 명', record.subject.name],
      ['주민등록번호', context.residentNumber(record.subject.residentNumber)],
      ['주 소', record.subject.address],
      [registrationLabel, record.registrationNumber],
    ]),
  );
  form.space(8);
}

function drawFarmland(form: FormWriter, record: AgricultureRecord): void {
  form.heading('농지 현황');
  form.table(
    [
      { header: '소재지', weight: 3 },
      { header: '지목', weight: 0.7, align: 'center' },
      { header: '면적', weight: 1, align: 'right' },
      { header: '주재배작물', weight: 1, align: 'center' },
    ],
    record.farmland.map((land) => [land.address, land.category, area(land.areaM2), land.crop]),
  );
  const total = record.farmland.reduce((sum, land) => sum + land.areaM2, 0);
  form.fields([[['합계 면적', area(total)], ['필지 수', `${record.farmland.length}필지`]]]);
}

const farmlandLedger = defineTemplate({
  recordKind: 'agriculture',
  statement: () => '위 농지대장은 원본과 틀림없음을 증명합니다.',
  draw(form, record, context) {
    drawFarmer(form, record, context, '농지대장 번호');
    drawFarmland(form, record);
  },
});

const farmBusiness = defineTemplate({
  recordKind: 'agriculture',
  statement: () => '「농어업경영체 육성 및 지원에 관한 법률」에 따라 농업경영체로 등록되어 있음을 확인합니다.',
  draw(form, record, context) {
    drawFarmer(form, record, context, '경영체 등록번호');
    drawFarmland(form, record);
  },
});

export const agricultureTemplates: Partial<Record<DocumentCode, AnyCertificateTemplate>> = {
  'farmland-ledger': farmlandLedger,
  'farm-business': farmBusiness,
};

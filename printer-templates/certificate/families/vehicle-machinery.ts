import type { DocumentCode } from '../../../catalog';
import type { FormWriter } from '../form';
import { defineTemplate, type AnyCertificateTemplate, type RecordOfKind, type TemplateContext } from '../template';
import { fieldRows, won } from './shared';

/** Vehicle registers: 갑 (registration entries), 을 (mortgages); construction machinery has the same shape. */
type VehicleRecord = RecordOfKind<'vehicle-machinery'>;

function drawVehicle(form: FormWriter, record: VehicleRecord, context: TemplateContext, kind: 'vehicle' | 'machine'): void {
  const vehicle = record.vehicle;
  form.heading(kind === 'vehicle' ? '자동차 표시' : '건설기계 표시');
  form.fields(
    fieldRows([
      [kind === 'vehicle' ? '자동차등록번호' : '등록번호', vehicle.registrationNumber],
      [kind === 'vehicle' ? '차 명' : '기종·형식', vehicle.model],
      ['연 식', String(vehicle.modelYear)],
      [kind === 'vehicle' ? '차대번호' : '차대(기체)번호', vehicle.identificationNumber],
      ['최초등록일', vehicle.firstRegistered],
      ['용 도', vehicle.use],
    ]),
  );
  form.space(8);
  form.heading('소유자');
  form.fields(
    fieldRows([
      ['성명(명칭)', record.owner.name],
      ['주민등록번호', context.residentNumber(record.owner.residentNumber)],
      ['사용본거지', record.owner.address],
    ]),
  );
  form.space(8);
}

function drawEntries(form: FormWriter, record: VehicleRecord): void {
  form.heading('등록 사항');
  form.table(
    [
      { header: '순위', weight: 0.5, align: 'center' },
      { header: '일자', weight: 1, align: 'center' },
      { header: '사항란', weight: 1.2, align: 'center' },
      { header: '내용', weight: 3 },
    ],
    record.entries.map((entry, index) => [String(index + 1), entry.date, entry.item, entry.detail]),
  );
}

const registerA = defineTemplate({
  recordKind: 'vehicle-machinery',
  subtitle: () => '( 갑 )',
  statement: () => '위 자동차등록원부(갑)는 원부의 기록사항과 틀림없음을 증명합니다.',
  draw(form, record, context) {
    drawVehicle(form, record, context, 'vehicle');
    drawEntries(form, record);
  },
});

const registerB = defineTemplate({
  recordKind: 'vehicle-machinery',
  subtitle: () => '( 을 )',
  statement: () => '위 자동차등록원부(을)는 원부의 기록사항과 틀림없음을 증명합니다.',
  draw(form, record, context) {
    drawVehicle(form, record, context, 'vehicle');
    form.heading('저당권 등록 사항');
    form.table(
      [
        { header: '순위', weight: 0.5, align: 'center' },
        { header: '설정일자', weight: 1, align: 'center' },
        { header: '저당권자', weight: 2.4 },
        { header: '채권가액', weight: 1.3, align: 'right' },
      ],
      record.mortgages.map((mortgage, index) => [String(index + 1), mortgage.date, mortgage.creditor, won(mortgage.amount)]),
      { empty: '저당권 등록 사항 없음' },
    );
  },
});

const machinery = defineTemplate({
  recordKind: 'vehicle-machinery',
  statement: () => '위 건설기계등록원부는 원부의 기록사항과 틀림없음을 증명합니다.',
  draw(form, record, context) {
    drawVehicle(form, record, context, 'machine');
    drawEntries(form, record);
  },
});

export const vehicleMachineryTemplates: Partial<Record<DocumentCode, AnyCertificateTemplate>> = {
  'vehicle-register-a': registerA,
  'vehicle-register-b': registerB,
  'construction-machinery': machinery,
};

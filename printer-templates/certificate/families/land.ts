import type { DocumentCode } from '../../../catalog';
import type { FormWriter } from '../form';
import { defineTemplate, option, type AnyCertificateTemplate, type RecordOfKind } from '../template';
import { area, fieldRows } from './shared';

/** Cadastral papers (지적): the land ledger, the official land price, the land use plan and the land right register. */
type LandRecord = RecordOfKind<'land'>;

function drawParcel(form: FormWriter, record: LandRecord): void {
  form.heading('토지 표시');
  form.fields(
    fieldRows(
      [
        ['소 재 지', record.parcel.address],
        ['지 목', record.parcel.landCategory],
        ['면 적', area(record.parcel.areaM2)],
      ],
      1,
    ),
  );
  form.space(8);
}

function pricePerM2(value: number): string {
  return `${value.toLocaleString('en-US')}원/㎡`;
}

const landLedger = defineTemplate({
  recordKind: 'land',
  subtitle: () => '( 토 지 대 장 )',
  statement: () => '토지대장에 의하여 작성한 등본입니다.',
  draw(form, record, context) {
    drawParcel(form, record);
    form.heading('소유자');
    form.table(
      [
        { header: '변동일자', weight: 1, align: 'center' },
        { header: '변동원인', weight: 1.2, align: 'center' },
        { header: '성명 또는 명칭', weight: 2 },
        { header: '지분', weight: 0.8, align: 'center' },
      ],
      record.owners.map((owner) => [owner.since, owner.cause, owner.name, owner.share]),
    );
    if (option.flag(context, 'includeOwnershipHistory')) {
      form.space(8);
      form.heading('소유권 변동 연혁');
      form.table(
        [
          { header: '변동일자', weight: 1, align: 'center' },
          { header: '변동원인', weight: 1.2, align: 'center' },
          { header: '소유자', weight: 2.8 },
        ],
        record.ownershipHistory.map((entry) => [entry.date, entry.cause, entry.owner]),
      );
    }
    form.space(8);
    form.heading('개별공시지가');
    form.table(
      [
        { header: '기준연도', weight: 1, align: 'center' },
        { header: '기준일자', weight: 1, align: 'center' },
        { header: '개별공시지가', weight: 2, align: 'right' },
      ],
      record.officialPrices.map((price) => [String(price.year), `${price.year}-01-01`, pricePerM2(price.pricePerM2)]),
    );
  },
});

const landPrice = defineTemplate({
  recordKind: 'land',
  statement: () => '「부동산 가격공시에 관한 법률」에 따른 개별공시지가를 위와 같이 확인합니다.',
  draw(form, record) {
    drawParcel(form, record);
    form.heading('개별공시지가');
    form.table(
      [
        { header: '가격기준연도', weight: 1, align: 'center' },
        { header: '기준일자', weight: 1, align: 'center' },
        { header: '개별공시지가 (원/㎡)', weight: 1.6, align: 'right' },
        { header: '토지 전체 환산액', weight: 1.6, align: 'right' },
      ],
      record.officialPrices.map((price) => [
        String(price.year),
        `${price.year}-01-01`,
        pricePerM2(price.pricePerM2),
        `${Math.round(price.pricePerM2 * record.parcel.areaM2).toLocaleString('en-US')}원`,
      ]),
    );
    form.space(4);
    form.notes(['개별공시지가는 매년 1월 1일을 기준으로 결정·공시됩니다.']);
  },
});

const landUsePlan = defineTemplate({
  recordKind: 'land',
  statement: () => '귀하의 신청 토지에 대한 현재의 토지이용계획을 위와 같이 확인합니다.',
  draw(form, record) {
    drawParcel(form, record);
    form.heading('지역·지구 등 지정 여부');
    form.table(
      [
        { header: '근거 법률', weight: 2 },
        { header: '지역·지구 등', weight: 3 },
      ],
      record.zoning.map((zone) => [zone.law, zone.designation]),
    );
    form.space(4);
    form.notes(['토지이용계획확인서는 지역·지구 등의 지정 내용과 행위 제한 내용을 확인하는 서류이며, 개별 법령의 행위 제한은 해당 법령을 따릅니다.']);
  },
});

const landRightRegister = defineTemplate({
  recordKind: 'land',
  subtitle: () => '( 대 지 권 등 록 부 )',
  statement: () => '대지권등록부에 의하여 작성한 등본입니다.',
  draw(form, record) {
    drawParcel(form, record);
    form.heading('대지권 비율 및 소유자');
    form.table(
      [
        { header: '전유부분 건물 표시', weight: 1.6, align: 'center' },
        { header: '대지권 비율', weight: 1.4, align: 'center' },
        { header: '소유자', weight: 2 },
      ],
      record.landRights.map((right) => [right.unit, right.ratio, right.owner]),
    );
  },
});

export const landTemplates: Partial<Record<DocumentCode, AnyCertificateTemplate>> = {
  'land-ledger': landLedger,
  'land-price': landPrice,
  'land-use-plan': landUsePlan,
  'land-right-register': landRightRegister,
};

import type { DocumentCode } from '../../../catalog';
import type { FormWriter } from '../form';
import { defineTemplate, option, type AnyCertificateTemplate, type RecordOfKind } from '../template';
import { area, fieldRows } from './shared';

/** 건축물대장: the general register for a single building, the collective one for buildings of units. */
type BuildingRecord = RecordOfKind<'building'>;

function drawTitleSection(form: FormWriter, record: BuildingRecord): void {
  const building = record.building;
  form.heading('건축물 현황');
  form.fields(
    fieldRows([
      ['대지위치', building.address],
      ['명 칭', building.name],
      ['주용도', building.mainUse],
      ['주구조', building.structure],
      ['층 수', `지상 ${building.floorsAbove}층 / 지하 ${building.floorsBelow}층`],
      ['사용승인일', building.approvalDate],
      ['연면적', area(building.totalAreaM2)],
      ['대지면적', area(building.siteAreaM2)],
    ]),
  );
  form.space(8);
}

function drawFloors(form: FormWriter, record: BuildingRecord): void {
  form.heading('층별 현황');
  form.table(
    [
      { header: '층별', weight: 1, align: 'center' },
      { header: '용도', weight: 3 },
      { header: '면적', weight: 1.2, align: 'right' },
    ],
    record.floors.map((floor) => [floor.floor, floor.use, area(floor.areaM2)]),
  );
  form.space(8);
}

function drawOwners(form: FormWriter, record: BuildingRecord): void {
  form.heading('소유자 현황');
  form.table(
    [
      { header: '성명 또는 명칭', weight: 2.4 },
      { header: '지분', weight: 1, align: 'center' },
      { header: '변동일자', weight: 1.2, align: 'center' },
    ],
    record.owners.map((owner) => [owner.name, owner.share, owner.since]),
  );
}

const general = defineTemplate({
  recordKind: 'building',
  subtitle: () => '( 일 반 건 축 물 )',
  statement: () => '이 등(초)본은 건축물대장의 원본내용과 틀림없음을 증명합니다.',
  draw(form, record) {
    drawTitleSection(form, record);
    drawFloors(form, record);
    drawOwners(form, record);
  },
});

const collective = defineTemplate({
  recordKind: 'building',
  subtitle: (context) => (option.text(context, 'part') === 'exclusive' ? '( 집합건축물 · 전유부 )' : '( 집합건축물 · 표제부 )'),
  statement: () => '이 등(초)본은 건축물대장의 원본내용과 틀림없음을 증명합니다.',
  draw(form, record, context) {
    drawTitleSection(form, record);
    if (option.text(context, 'part') === 'exclusive') {
      const wanted = option.text(context, 'unit').replace(/\s+/g, '');
      const units = wanted ? record.units.filter((unit) => unit.unit.replace(/\s+/g, '') === wanted) : record.units;
      form.heading('전유부분');
      form.table(
        [
          { header: '동·호수', weight: 1.3, align: 'center' },
          { header: '용도', weight: 1.6 },
          { header: '전용면적', weight: 1, align: 'right' },
          { header: '소유자', weight: 1.6 },
        ],
        units.map((unit) => [unit.unit, unit.use, area(unit.areaM2), unit.owner]),
        { empty: '해당 전유부분이 없습니다' },
      );
    } else {
      drawFloors(form, record);
      form.heading('전유부분 목록');
      form.table(
        [
          { header: '동·호수', weight: 1.3, align: 'center' },
          { header: '용도', weight: 2 },
          { header: '전용면적', weight: 1, align: 'right' },
        ],
        record.units.map((unit) => [unit.unit, unit.use, area(unit.areaM2)]),
      );
    }
  },
});

export const buildingTemplates: Partial<Record<DocumentCode, AnyCertificateTemplate>> = {
  'building-general': general,
  'building-collective': collective,
};

import type { DocumentCode } from '../../../catalog';
import { canRender } from '../../fonts';
import type { FormWriter, TableColumn } from '../form';
import { defineTemplate, option, type AnyCertificateTemplate, type RecordOfKind, type TemplateContext } from '../template';
import { sexLabel } from './shared';

/**
 * The seven family-relation certificates (가족관계등록부 and the old 제적부): the same record, each showing its own
 * relations and events. The citizen's certificate type (일반/상세/특정) decides how much history appears:
 * 일반 shows the current state only, 상세 every recorded change, 특정 only the applicant's own line.
 */
type FamilyRecord = RecordOfKind<'family-relation'>;
type Relation = FamilyRecord['relations'][number];
type FamilyEvent = FamilyRecord['events'][number];

const PERSON_COLUMNS: readonly TableColumn[] = [
  { header: '구분', weight: 0.9, align: 'center' },
  { header: '성 명', weight: 1.5, align: 'center' },
  { header: '출생연월일', weight: 1.1, align: 'center' },
  { header: '주민등록번호', weight: 1.6, align: 'center' },
  { header: '성별', weight: 0.5, align: 'center' },
];

const EVENT_COLUMNS: readonly TableColumn[] = [
  { header: '구분', weight: 0.8, align: 'center' },
  { header: '일자', weight: 1, align: 'center' },
  { header: '상세 내용', weight: 4.2 },
];

type Detail = 'general' | 'detailed' | 'specific';

function detailOf(context: TemplateContext): Detail {
  const value = option.text(context, 'detail');
  return value === 'detailed' || value === 'specific' ? value : 'general';
}

/** Hanja is printed where the registry has it and the typeface can draw it (partial coverage): never as tofu. */
function displayName(person: { name: string; nameHanja?: string | undefined }): string {
  return person.nameHanja && canRender(person.nameHanja) ? `${person.name}(${person.nameHanja})` : person.name;
}

function personRow(label: string, person: Relation['person'], birthDate: string, sex: 'M' | 'F', context: TemplateContext): string[] {
  return [label, displayName(person), birthDate, context.residentNumber(person.residentNumber), sexLabel(sex)];
}

function subjectRow(record: FamilyRecord, context: TemplateContext): string[] {
  return personRow('본인', record.subject, record.subject.birthDate, record.subject.sex, context);
}

function drawDomicile(form: FormWriter, record: FamilyRecord, label = '등록기준지'): void {
  form.fields([[[label, record.registeredDomicile]]]);
  form.space(8);
}

function drawPeople(form: FormWriter, title: string, rows: string[][]): void {
  form.heading(title);
  form.table(PERSON_COLUMNS, rows);
  form.space(8);
}

function drawEvents(form: FormWriter, title: string, events: readonly FamilyEvent[]): void {
  form.heading(title);
  form.table(
    EVENT_COLUMNS,
    events.map((event) => [event.type, event.date, event.detail]),
  );
  form.space(6);
}

function typeLine(context: TemplateContext): string {
  const label = option.choiceLabel(context, 'detail');
  return label ? `[ ${label} ]` : '';
}

function relationsMatching(record: FamilyRecord, relations: readonly string[]): Relation[] {
  return record.relations.filter((relation) => relations.includes(relation.relation));
}

const IMMEDIATE = ['부', '모', '배우자', '자녀'];

const familyRelations = defineTemplate({
  recordKind: 'family-relation',
  subtitle: typeLine,
  statement: () => '위 가족관계증명서는 가족관계등록부의 기록사항과 틀림없음을 증명합니다.',
  draw(form, record, context) {
    const detail = detailOf(context);
    drawDomicile(form, record);
    const relations =
      detail === 'specific' ? [] : detail === 'general' ? relationsMatching(record, IMMEDIATE) : record.relations;
    drawPeople(form, '가족 사항', [
      subjectRow(record, context),
      ...relations.map((relation) => personRow(relation.relation, relation.person, relation.birthDate, relation.sex, context)),
    ]);
    if (detail === 'specific') form.notes(['특정증명서: 신청인이 선택한 사항만 표시하였습니다.']);
  },
});

const basic = defineTemplate({
  recordKind: 'family-relation',
  subtitle: typeLine,
  statement: () => '위 기본증명서는 가족관계등록부의 기록사항과 틀림없음을 증명합니다.',
  draw(form, record, context) {
    const detail = detailOf(context);
    drawDomicile(form, record);
    drawPeople(form, '본인', [subjectRow(record, context)]);
    const events =
      detail === 'detailed'
        ? record.events
        : record.events.filter((event) => event.type === '출생' || (detail === 'general' && ['사망', '개명', '국적취득'].includes(event.type)));
    drawEvents(form, '일반등록사항', events);
  },
});

const marriage = defineTemplate({
  recordKind: 'family-relation',
  subtitle: typeLine,
  statement: () => '위 혼인관계증명서는 가족관계등록부의 기록사항과 틀림없음을 증명합니다.',
  draw(form, record, context) {
    const detail = detailOf(context);
    drawDomicile(form, record);
    const spouses = detail === 'specific' ? [] : relationsMatching(record, ['배우자']);
    drawPeople(form, '혼인 사항', [
      subjectRow(record, context),
      ...spouses.map((relation) => personRow(relation.relation, relation.person, relation.birthDate, relation.sex, context)),
    ]);
    const marriages = record.events.filter((event) => ['혼인', '이혼', '혼인취소'].includes(event.type));
    // 일반 shows only the marriage in force: everything after the last divorce.
    const lastDivorce = marriages.map((event) => event.type).lastIndexOf('이혼');
    drawEvents(form, '혼인 관계 변동', detail === 'detailed' ? marriages : marriages.slice(lastDivorce + 1));
  },
});

const adoption = defineTemplate({
  recordKind: 'family-relation',
  subtitle: typeLine,
  statement: () => '위 입양관계증명서는 가족관계등록부의 기록사항과 틀림없음을 증명합니다.',
  draw(form, record, context) {
    drawDomicile(form, record);
    drawPeople(form, '입양 사항', [
      subjectRow(record, context),
      ...relationsMatching(record, ['양부', '양모', '양자']).map((relation) =>
        personRow(relation.relation, relation.person, relation.birthDate, relation.sex, context),
      ),
    ]);
    drawEvents(form, '입양 관계 변동', record.events.filter((event) => ['입양', '파양'].includes(event.type)));
  },
});

const fullAdoption = defineTemplate({
  recordKind: 'family-relation',
  subtitle: typeLine,
  statement: () => '위 친양자입양관계증명서는 가족관계등록부의 기록사항과 틀림없음을 증명합니다.',
  draw(form, record, context) {
    drawDomicile(form, record);
    drawPeople(form, '친양자 입양 사항', [
      subjectRow(record, context),
      ...relationsMatching(record, ['친양부', '친양모', '친생부', '친생모', '친양자']).map((relation) =>
        personRow(relation.relation, relation.person, relation.birthDate, relation.sex, context),
      ),
    ]);
    drawEvents(form, '친양자 입양 관계 변동', record.events.filter((event) => ['친양자입양', '친양자파양'].includes(event.type)));
    form.notes(['친양자입양관계증명서는 본인, 친양부모 또는 친양자가 성년인 경우 등 법이 정한 경우에만 교부됩니다.']);
  },
});

const removedCopy = defineTemplate({
  recordKind: 'family-relation',
  subtitle: () => '( 제 적 부 )',
  statement: () => '이 제적등본은 제적부의 원본과 틀림없음을 증명합니다.',
  draw(form, record, context) {
    drawDomicile(form, record, '본 적');
    drawPeople(form, '호주 및 가족', [
      personRow('호주', record.subject, record.subject.birthDate, record.subject.sex, context),
      ...record.relations.map((relation) => personRow(relation.relation, relation.person, relation.birthDate, relation.sex, context)),
    ]);
    drawEvents(form, '신분 변동 사항', record.events);
  },
});

const removedAbstract = defineTemplate({
  recordKind: 'family-relation',
  subtitle: () => '( 제 적 부 )',
  statement: () => '이 제적초본은 제적부 중 신청인에 관한 부분의 원본과 틀림없음을 증명합니다.',
  draw(form, record, context) {
    drawDomicile(form, record, '본 적');
    drawPeople(form, '본인', [subjectRow(record, context)]);
    drawEvents(form, '신분 변동 사항', record.events);
  },
});

export const familyRelationTemplates: Partial<Record<DocumentCode, AnyCertificateTemplate>> = {
  'family-relations': familyRelations,
  basic,
  'marriage-relations': marriage,
  'adoption-relations': adoption,
  'full-adoption-relations': fullAdoption,
  'removed-register-copy': removedCopy,
  'removed-register-abstract': removedAbstract,
};

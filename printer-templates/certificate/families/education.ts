import type { DocumentCode } from '../../../catalog';
import type { FormWriter } from '../form';
import { defineTemplate, type AnyCertificateTemplate, type RecordOfKind, type TemplateContext } from '../template';
import { fieldRows } from './shared';

/** School papers from NEIS: graduation, transcript and the school life record. */
type EducationRecord = RecordOfKind<'education'>;

const LEVEL = { elementary: '초등학교', middle: '중학교', high: '고등학교' } as const;

function drawStudent(form: FormWriter, record: EducationRecord, context: TemplateContext): void {
  form.heading('인적 사항');
  form.fields(
    fieldRows([
      ['성 명', record.subject.name],
      ['생년월일', record.subject.birthDate],
      ['주민등록번호', context.residentNumber(record.subject.residentNumber)],
      ['학교급', LEVEL[record.school.level]],
      ['학교명', record.school.name],
      ['입학일', record.school.admitted],
      ['졸업일', record.school.graduated ?? '재학 중'],
    ]),
  );
  form.space(8);
}

function drawGrades(form: FormWriter, record: EducationRecord): void {
  form.heading('교과 학습 발달 상황');
  form.table(
    [
      { header: '학년', weight: 0.6, align: 'center' },
      { header: '학기', weight: 0.6, align: 'center' },
      { header: '교과목', weight: 2.2 },
      { header: '성취도', weight: 1, align: 'center' },
    ],
    record.grades.map((grade) => [String(grade.year), String(grade.term), grade.subject, grade.score]),
  );
  form.space(8);
}

const graduation = defineTemplate({
  recordKind: 'education',
  statement: (record) =>
    record.school.graduated
      ? `위 사람은 ${record.school.graduated.slice(0, 4)}년 본교를 졸업하였음을 증명합니다.`
      : '위 사람은 증명서 발급일 현재 본교에 재학 중임을 증명합니다.',
  draw(form, record, context) {
    drawStudent(form, record, context);
  },
});

const transcript = defineTemplate({
  recordKind: 'education',
  statement: () => '위 사람의 성적이 위와 같음을 증명합니다.',
  draw(form, record, context) {
    drawStudent(form, record, context);
    drawGrades(form, record);
  },
});

const schoolRecord = defineTemplate({
  recordKind: 'education',
  statement: () => '위 학교생활기록부는 원본과 틀림없음을 증명합니다.',
  draw(form, record, context) {
    drawStudent(form, record, context);
    drawGrades(form, record);
    form.heading('행동 특성 및 종합 의견');
    form.table(
      [
        { header: '학년', weight: 0.6, align: 'center' },
        { header: '종합 의견', weight: 5 },
      ],
      record.remarks.map((remark) => [String(remark.year), remark.text]),
    );
  },
});

export const educationTemplates: Partial<Record<DocumentCode, AnyCertificateTemplate>> = {
  graduation,
  transcript,
  'school-record': schoolRecord,
};

import type { DocumentCode } from '../../../catalog';
import { periodEnd } from '../dates';
import { defineTemplate, option, type AnyCertificateTemplate } from '../template';
import { fieldRows } from './shared';

/** 주민등록표 등본 (the household) and 초본 (one person's history): one record kind, two layouts. */

const FIVE_YEARS_MS = 5 * 365.25 * 24 * 3600 * 1000;

const residentCopy = defineTemplate({
  recordKind: 'resident-registration',
  subtitle: () => '( 세 대 별 주 민 등 록 표 )',
  statement: () => '이 등본은 세대별 주민등록표의 원본내용과 틀림없음을 증명합니다.',
  draw(form, body, context) {
    const showRelation = option.flag(context, 'includeRelationToHead');
    const withCohabitants = option.flag(context, 'includeCohabitants');
    form.fields(
      fieldRows([
        ['세대주 성명', body.householder.name],
        ['세대 구성원 수', `${body.members.filter((member) => withCohabitants || !member.cohabitant).length}명`],
        ['현주소', body.currentAddress],
      ]),
    );
    form.space(8);
    form.heading('세대 구성원');
    const members = body.members.filter((member) => withCohabitants || !member.cohabitant);
    const columns = [
      { header: '번호', weight: 0.6, align: 'center' as const },
      ...(showRelation ? [{ header: '세대주 관계', weight: 1.1, align: 'center' as const }] : []),
      { header: '성 명', weight: 1.2, align: 'center' as const },
      { header: '주민등록번호', weight: 1.6, align: 'center' as const },
      { header: '전입일', weight: 1.1, align: 'center' as const },
      { header: '변동사유', weight: 1, align: 'center' as const },
    ];
    form.table(
      columns,
      members.map((member, index) => [
        String(index + 1),
        ...(showRelation ? [member.relationToHead] : []),
        member.person.name,
        context.residentNumber(member.person.residentNumber),
        member.movedIn,
        member.status,
      ]),
    );
    if (option.flag(context, 'includePastAddresses')) {
      form.space(8);
      form.heading('주소 변동 사항');
      form.table(
        [
          { header: '번호', weight: 0.5, align: 'center' },
          { header: '주 소', weight: 3.6 },
          { header: '전입일', weight: 1, align: 'center' },
          { header: '전출일', weight: 1, align: 'center' },
          { header: '사유', weight: 0.7, align: 'center' },
        ],
        body.addressHistory.map((period, index) => [String(index + 1), period.address, period.from, periodEnd(period.to), period.reason]),
      );
    }
    form.space(4);
    form.notes([
      withCohabitants ? '동거인을 포함하여 발급하였습니다.' : '동거인은 신청인의 선택에 따라 표시하지 않았습니다.',
      context.residentNumbersMasked
        ? '주민등록번호 뒷자리는 신청인의 선택에 따라 표시하지 않았습니다.'
        : '주민등록번호 전체를 표시하였습니다.',
    ]);
  },
});

const residentAbstract = defineTemplate({
  recordKind: 'resident-registration',
  subtitle: () => '( 개 인 별 주 민 등 록 표 )',
  statement: () => '이 초본은 개인별 주민등록표의 원본내용과 틀림없음을 증명합니다.',
  draw(form, body, context) {
    const head = body.members.find((member) => member.person.residentNumber === body.applicant.residentNumber);
    form.fields(
      fieldRows([
        ['성 명', body.applicant.name],
        ['주민등록번호', context.residentNumber(body.applicant.residentNumber)],
        ['세대주 성명', body.householder.name],
        ['세대주 관계', head?.relationToHead ?? '-'],
        ['현주소', body.currentAddress],
      ]),
    );
    const history = option.text(context, 'addressHistory');
    if (history !== 'none') {
      const since = Date.parse(context.issued.isoDate) - FIVE_YEARS_MS;
      const periods =
        history === 'last-5-years'
          ? body.addressHistory.filter((period) => period.to === null || Date.parse(period.to) >= since)
          : body.addressHistory;
      form.space(8);
      form.heading(history === 'last-5-years' ? '주소 변동 사항 (최근 5년)' : '주소 변동 사항');
      form.table(
        [
          { header: '번호', weight: 0.5, align: 'center' },
          { header: '주 소', weight: 3.6 },
          { header: '전입일', weight: 1, align: 'center' },
          { header: '전출일', weight: 1, align: 'center' },
          { header: '사유', weight: 0.7, align: 'center' },
        ],
        periods.map((period, index) => [String(index + 1), period.address, period.from, periodEnd(period.to), period.reason]),
      );
    }
    if (option.flag(context, 'includePersonalChanges')) {
      form.space(8);
      form.heading('개인 인적사항 변경 내용');
      form.table(
        [
          { header: '변경일', weight: 1, align: 'center' },
          { header: '항목', weight: 1, align: 'center' },
          { header: '변경 전', weight: 2 },
          { header: '변경 후', weight: 2 },
        ],
        body.personalChanges.map((change) => [change.date, change.item, change.before, change.after]),
      );
    }
    if (option.flag(context, 'includeMilitaryService')) {
      form.space(8);
      form.heading('병역 사항');
      const service = body.militaryService;
      form.table(
        [
          { header: '군별', weight: 1, align: 'center' },
          { header: '계급', weight: 1, align: 'center' },
          { header: '입영일', weight: 1, align: 'center' },
          { header: '전역일', weight: 1, align: 'center' },
        ],
        service ? [[service.branch, service.rank, service.enlisted, periodEnd(service.discharged)]] : [],
        { empty: '병역 사항 없음' },
      );
    }
  },
});

export const residentRegistrationTemplates: Partial<Record<DocumentCode, AnyCertificateTemplate>> = {
  'resident-copy': residentCopy,
  'resident-abstract': residentAbstract,
};

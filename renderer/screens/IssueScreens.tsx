import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BasketLine } from '../../state-machines/view-model';
import { Button } from '../components/Button';
import { Detail } from '../components/Detail';
import { useFittingPageSize } from '../components/fit';
import { Icon } from '../components/Icon';
import { pageCount, Pager, pageSlice } from '../components/Pager';
import { Progress } from '../components/Progress';
import { RefundNotice } from '../components/RefundNotice';
import { TakeYourItems } from '../components/TakeYourItems';
import { ScreenLayout, useLocalized, useMessage, useMoney, type ScreenProps } from './common';

export function LoadingRecordsScreen({ view, send }: ScreenProps<'loading-records'>) {
  const { t } = useTranslation();
  const progress = t('loading.progress', { done: view.done, total: view.total });
  return (
    <ScreenLayout
      info={
        <>
          <Detail text={t('loading.lead')} />
          <Progress value={view.done} max={view.total} label={progress} />
          <p data-speak="live">{progress}</p>
        </>
      }
      controls={view.canCancel ? <Button onPress={() => send({ type: 'cancel' })}>{t('common.cancel')}</Button> : null}
    />
  );
}

function BasketLineRow({ line, send, problem }: { readonly line: BasketLine; readonly send: ScreenProps<'summary'>['send']; readonly problem: boolean }) {
  const { t } = useTranslation();
  const money = useMoney();
  const message = useMessage();
  const localized = useLocalized();
  const name = localized(line.name);
  const facts = [
    line.pages !== null ? t('summary.pages', { n: line.pages }) : null,
    line.perCopy !== null ? t('summary.per-copy', { amount: line.perCopy === 0 ? t('money.free') : money(line.perCopy) }) : null,
    line.total !== null ? t('summary.line-total', { amount: money(line.total) }) : null,
  ].filter((fact): fact is string => fact !== null);
  return (
    <li className="basket-line" data-code={line.code}>
      <p className="line-name">{name}</p>
      {problem ? <p className="problem">{t('summary.cannot-issue')}</p> : null}
      {facts.length > 0 ? <Detail className="line-meta" text={`${name}: ${facts.join(' · ')}`}>{facts.join(' · ')}</Detail> : null}
      {line.waivedByKey ? <Detail className="line-meta" text={`${name}: ${message(line.waivedByKey)}`}>{message(line.waivedByKey)}</Detail> : null}
      <div className="button-row stepper">
        <Button disabled={line.copies <= 1} onPress={() => send({ type: 'setCopies', code: line.code, copies: line.copies - 1 })} label={t('summary.fewer', { name })}>
          <Icon name="minus" />
        </Button>
        <span className="stepper-value" data-speak="live">
          {t('summary.copies', { n: line.copies })}
        </span>
        <Button disabled={line.copies >= line.maxCopies} onPress={() => send({ type: 'setCopies', code: line.code, copies: line.copies + 1 })} label={t('summary.more', { name })}>
          <Icon name="plus" />
        </Button>
        <Button onPress={() => send({ type: 'removeDocument', code: line.code })} label={t('summary.remove', { name })}>
          <Icon name="clear" />
          <span>{t('summary.remove-short')}</span>
        </Button>
      </div>
    </li>
  );
}

export function SummaryScreen({ view, send, display }: ScreenProps<'summary'>) {
  const { t } = useTranslation();
  const money = useMoney();
  const message = useMessage();
  const localized = useLocalized();
  const [page, setPage] = useState(0);
  const lines = view.basket.lines;
  const { ref: linesRef, perPage } = useFittingPageSize<HTMLUListElement>(
    display.textScale === 2 || display.lowPosition ? 1 : 3,
    1,
    `${view.language}:${display.textScale}:${display.lowPosition}:${lines.length}`,
  );
  const pages = pageCount(lines.length, perPage);
  const shown = pageSlice(lines, Math.min(page, pages - 1), perPage);
  const total = view.basket.total;
  const nameOf = (code: string) => {
    const line = lines.find((candidate) => candidate.code === code);
    return line ? localized(line.name) : code;
  };
  return (
    <ScreenLayout
      info={
        <>
          <Detail text={t('summary.lead', { n: lines.length })} />
          {view.problems.map((problem) => (
            <Detail key={problem.code} className="problem" text={`${nameOf(problem.code)}: ${message(problem.reasonKey)}`} />
          ))}
          {total !== null ? (
            <Detail className="total" text={`${t('summary.total')} ${total === 0 ? t('money.free') : money(total)}`}>
              <span>{t('summary.total')}</span> <span className="amount">{total === 0 ? t('money.free') : money(total)}</span>
            </Detail>
          ) : null}
        </>
      }
      controls={
        <>
          <ul className="basket-lines" ref={linesRef}>
            {shown.map((line) => (
              <BasketLineRow key={line.code} line={line} send={send} problem={view.problems.some((problem) => problem.code === line.code)} />
            ))}
          </ul>
          <Pager page={Math.min(page, pages - 1)} pages={pages} onPage={setPage} />
          <div className="button-row">
            <Button onPress={() => send({ type: 'addAnother' })}>{t('summary.add-another')}</Button>
          </div>
          <Button variant="primary" disabled={!view.canPay} onPress={() => send({ type: 'pay' })}>
            {total === 0 ? t('summary.issue-free') : t('summary.pay', { amount: total === null ? '' : money(total) })}
          </Button>
        </>
      }
    />
  );
}

const PAYMENT_PHASE_KEYS = {
  insert: 'payment.insert',
  checking: 'payment.checking',
  stacking: 'payment.stacking',
  returning: 'payment.returning',
  paid: 'payment.paid',
} as const;

/** Cash: the fee, what went in and what is left in large digits, and the lit slot (ui.md; Seoul elderly standard). */
export function PaymentScreen({ view, send }: ScreenProps<'payment'>) {
  const { t } = useTranslation();
  const money = useMoney();
  const message = useMessage();
  return (
    <ScreenLayout
      info={
        <>
          <dl className="amounts">
            <div data-speak="">
              <dt>{t('payment.due')}</dt>
              <dd className="amount">{money(view.due)}</dd>
            </div>
            <div data-speak="live">
              <dt>{t('payment.inserted')}</dt>
              <dd className="amount">{money(view.inserted)}</dd>
            </div>
            <div data-speak="live" className="remaining">
              <dt>{t('payment.remaining')}</dt>
              <dd className="amount">{money(view.remaining)}</dd>
            </div>
          </dl>
          {view.changeToCome > 0 ? <p data-speak="live">{t('payment.change-to-come', { amount: money(view.changeToCome) })}</p> : null}
          <p className="lead" data-speak="live">
            {t(PAYMENT_PHASE_KEYS[view.phase])}
          </p>
          {view.messageKey ? (
            <p className="warning" role="alert" data-speak="live">
              {message(view.messageKey)}
            </p>
          ) : null}
        </>
      }
      controls={
        <>
          <div className={`slot-guide${view.phase === 'insert' ? ' lit' : ''}`} data-testid="note-slot">
            <Detail text={t('payment.slot')} />
            <p className="accepted-notes" data-speak="live">
              {view.acceptedNotes.length > 0
                ? t('payment.accepted-notes', { notes: view.acceptedNotes.map((note) => money(note)).join(', ') })
                : t('payment.no-notes-now')}
            </p>
            <Detail text={t('payment.no-coins')} />
            <div className="slot" aria-hidden="true">
              <Icon name="previous" />
            </div>
          </div>
          {view.canCancel ? (
            <Button onPress={() => send({ type: 'cancel' })}>{view.inserted > 0 ? t('payment.cancel-refund') : t('common.cancel')}</Button>
          ) : null}
        </>
      }
    />
  );
}

export function PrintingScreen({ view }: ScreenProps<'printing'>) {
  const { t } = useTranslation();
  const message = useMessage();
  const localized = useLocalized();
  const where = t('printing.where', {
    document: view.documentIndex,
    documents: view.documentCount,
    copy: view.copy,
    copies: view.copies,
  });
  const pageText = t('printing.page', { page: view.page, pages: view.pages });
  return (
    <ScreenLayout
      info={
        <>
          <p className="lead" data-speak="">
            {localized(view.documentName)}
          </p>
          <p data-speak="live">{where}</p>
          <Progress value={view.page} max={view.pages} label={pageText} />
          <p data-speak="live">{pageText}</p>
          {view.phase === 'waiting-for-printer' ? (
            <p className="warning" role="alert" data-speak="live">
              {view.faultKey ? message(view.faultKey) : t('printing.waiting')}
            </p>
          ) : (
            <Detail text={t('printing.do-not-leave')} />
          )}
        </>
      }
    />
  );
}

export function ChangeScreen({ view, send }: ScreenProps<'change'>) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <ScreenLayout
      info={
        <>
          <p className="total" data-speak="live">
            <span>{t('change.amount')}</span> <span className="amount">{money(view.amount)}</span>
          </p>
          {view.paid < view.amount ? <p data-speak="live">{t('change.paying', { amount: money(view.paid) })}</p> : null}
          <TakeYourItems textKey="reminder.documents-and-change" />
        </>
      }
      controls={
        <>
          <div className="slot-guide lit coin-tray">
            <p data-speak="">{t('change.tray')}</p>
          </div>
          <Button variant="primary" onPress={() => send({ type: 'acknowledge' })}>
            {t('change.taken')}
          </Button>
        </>
      }
    />
  );
}

export function ReceiptScreen({ view, send }: ScreenProps<'receipt'>) {
  const { t } = useTranslation();
  return (
    <ScreenLayout
      info={
        <>
          <p className="lead" data-speak="live">
            {view.printing ? t('receipt.printing') : t('receipt.take')}
          </p>
          <TakeYourItems textKey="reminder.documents" />
        </>
      }
      controls={
        view.printing ? null : (
          <Button variant="primary" onPress={() => send({ type: 'acknowledge' })}>
            {t('common.ok')}
          </Button>
        )
      }
    />
  );
}

export function ThankYouScreen({ view, send }: ScreenProps<'thank-you'>) {
  const { t } = useTranslation();
  return (
    <ScreenLayout
      info={
        <>
          <TakeYourItems textKey="reminder.receipt" />
          {view.refund ? <RefundNotice refund={view.refund} /> : null}
          <Detail text={t('thank-you.bye')} />
        </>
      }
      controls={
        <Button variant="primary" onPress={() => send({ type: 'acknowledge' })}>
          {t('thank-you.done')}
        </Button>
      }
    />
  );
}

/** An error says what happened and what to do (and what happened to the money). */
export function ErrorScreen({ view, send }: ScreenProps<'error'>) {
  const { t } = useTranslation();
  const message = useMessage();
  return (
    <ScreenLayout
      variant="notice"
      info={
        <>
          <p className="notice-lead" data-speak="">
            {message(view.whatKey)}
          </p>
          <p data-speak="">{message(view.whatToDoKey)}</p>
          {view.refund ? <RefundNotice refund={view.refund} /> : null}
        </>
      }
      controls={
        <Button variant="primary" onPress={() => send({ type: 'acknowledge' })}>
          {t('common.ok')}
        </Button>
      }
    />
  );
}

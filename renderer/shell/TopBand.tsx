import { useTranslation } from 'react-i18next';
import type { FlowStep } from '../../state-machines/view-model';
import { Detail } from '../components/Detail';

const STEPS: readonly FlowStep[] = ['choose', 'identity', 'payment', 'issue'];
const STEP_KEYS = { choose: 'step.choose', identity: 'step.identity', payment: 'step.payment', issue: 'step.issue' } as const;

/**
 * The top band: the screen's title and where the citizen is in the flow (서류 선택 → 본인 확인 → 결제 → 발급).
 * Display-only. The current step is marked by a filled number and bold text, not by colour alone; at 200 % only
 * the current step is shown ("1/4 서류 선택").
 */
export function TopBand({ title, step, large }: { readonly title: string; readonly step: FlowStep | null; readonly large: boolean }) {
  const { t } = useTranslation();
  const at = step ? STEPS.indexOf(step) : -1;
  return (
    <header className="top-band">
      <h1 data-speak="live">{title}</h1>
      {step && large ? <Detail className="steps-compact" text={t('step.compact', { step: at + 1, steps: STEPS.length, name: t(STEP_KEYS[step]) })} /> : null}
      {step && !large ? (
        <ol className="steps" aria-label={t('step.label')}>
          {STEPS.map((candidate, index) => (
            <li key={candidate} aria-current={candidate === step ? 'step' : undefined} className={index < at ? 'done' : undefined}>
              <span className="step-number">{index + 1}</span>
              <span className="step-name">{t(STEP_KEYS[candidate])}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </header>
  );
}

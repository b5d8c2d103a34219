import { useTranslation } from 'react-i18next';
import type { FlowStep } from '../../state-machines/view-model';

const STEPS: readonly FlowStep[] = ['choose', 'identity', 'payment', 'issue'];

/** Display-only progress through the flow (ui.md): 서류 선택 → 본인 확인 → 결제 → 발급. */
export function StepIndicator({ step }: { step: FlowStep | null }) {
  const { t } = useTranslation();
  if (!step) return null;
  return (
    <ol className="steps">
      {STEPS.map((candidate) => (
        <li key={candidate} aria-current={candidate === step ? 'step' : undefined}>
          {t(`step.${candidate}`)}
        </li>
      ))}
    </ol>
  );
}

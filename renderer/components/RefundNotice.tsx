import { useTranslation } from 'react-i18next';
import type { RefundNotice as Refund } from '../../state-machines/view-model';
import { useMoney } from '../screens/common';

/** Money owed back: what came out in coins now, and what the voucher from the receipt printer is good for. */
export function RefundNotice({ refund }: { readonly refund: Refund }) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <div className="refund" data-testid="refund">
      <p data-speak="">{t('refund.amount', { amount: money(refund.amount) })}</p>
      {refund.paidInCoins > 0 ? <p data-speak="">{t('refund.coins', { amount: money(refund.paidInCoins) })}</p> : null}
      {refund.voucherAmount > 0 ? (
        <p data-speak="">
          {t('refund.voucher', { amount: money(refund.voucherAmount) })}
          {refund.voucherCode ? ` ${t('refund.voucher-code', { code: refund.voucherCode })}` : ''}
        </p>
      ) : null}
    </div>
  );
}

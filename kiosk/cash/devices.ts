import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/log';
import { err, ok, type Result } from '../../common/result';
import { createBillAcceptor, type BillAcceptorDevice, type BillAcceptorSettings } from '../../devices/bill-acceptor/factory';
import { createCoinHoppers, type CoinHoppersDevice, type CoinHoppersSettings } from '../../devices/coin-hopper/factory';

/**
 * The cash devices a configuration names (`devices.billAcceptor`, `devices.coinHoppers`), with the simulator
 * control handles when they are simulated (for the kiosk's simulator-control endpoints).
 */
export type CashDevices = {
  readonly billAcceptor: BillAcceptorDevice;
  readonly coinHoppers: CoinHoppersDevice;
};

export function createCashDevices(
  config: { readonly billAcceptor: BillAcceptorSettings; readonly coinHoppers: CoinHoppersSettings },
  deps: { readonly clock: Clock; readonly log?: Logger },
): Result<CashDevices, string> {
  const billAcceptor = createBillAcceptor(config.billAcceptor, deps);
  if (!billAcceptor.ok) return err(billAcceptor.error);
  const coinHoppers = createCoinHoppers(config.coinHoppers, deps);
  if (!coinHoppers.ok) return err(coinHoppers.error);
  return ok({ billAcceptor: billAcceptor.value, coinHoppers: coinHoppers.value });
}

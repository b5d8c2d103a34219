/**
 * The kiosks (and operators) the office knows: a key id and secret each, the kiosk's id, name and district (which
 * decides in-district fees). Loaded from configuration; secrets never leave this process.
 */
export type KioskCredential = {
  readonly keyId: string;
  readonly secret: string;
  readonly kioskId: string;
  readonly name: string;
  /** The kiosk's own district (시군구); records of this district are in-district (관내). Default 금정구. */
  readonly district?: string;
};

export type OperatorCredential = { readonly keyId: string; readonly secret: string; readonly name: string };

export type Caller =
  | { readonly role: 'kiosk'; readonly kioskId: string; readonly name: string; readonly district: string; readonly keyId: string }
  | { readonly role: 'operator'; readonly name: string; readonly keyId: string };

export const DEFAULT_DISTRICT = '금정구';

export class KeyRing {
  private readonly byKeyId = new Map<string, { secret: string; caller: Caller }>();
  readonly kiosks: readonly KioskCredential[];

  constructor(kiosks: readonly KioskCredential[], operators: readonly OperatorCredential[] = []) {
    this.kiosks = kiosks;
    for (const kiosk of kiosks) {
      this.add(kiosk.keyId, kiosk.secret, { role: 'kiosk', kioskId: kiosk.kioskId, name: kiosk.name, district: kiosk.district ?? DEFAULT_DISTRICT, keyId: kiosk.keyId });
    }
    for (const operator of operators) this.add(operator.keyId, operator.secret, { role: 'operator', name: operator.name, keyId: operator.keyId });
  }

  private add(keyId: string, secret: string, caller: Caller): void {
    if (this.byKeyId.has(keyId)) throw new Error(`key id ${keyId} is configured twice`);
    if (secret.length < 16) throw new Error(`the secret of key id ${keyId} is shorter than 16 characters`);
    this.byKeyId.set(keyId, { secret, caller });
  }

  lookup(keyId: string): { secret: string; caller: Caller } | undefined {
    return this.byKeyId.get(keyId);
  }

  kioskName(kioskId: string): string {
    return this.kiosks.find((kiosk) => kiosk.kioskId === kioskId)?.name ?? kioskId;
  }
}

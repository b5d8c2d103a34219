/**
 * A piece of personal text the kiosk may show but must not keep — the citizen's name from the identity verdict
 * ("홍길동 님" on the confirmation screen, domain.md: "never stored by the kiosk"). Every accidental text form
 * (`String`, JSON, `util.inspect`, a persisted machine snapshot) gives the masked form `홍*동`; only `reveal()`
 * gives the text, for the screen.
 */
export class PrivateText {
  #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  reveal(): string {
    return this.#text;
  }

  /** First and last character kept, the middle starred: `홍*동`, `남**수`, `J**n`; two characters → `홍*`. */
  masked(): string {
    const chars = [...this.#text];
    if (chars.length === 0) return '';
    if (chars.length <= 2) return `${chars[0]}*`;
    return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
  }

  /** Drop the reference (a JS string cannot be zeroed in place). */
  wipe(): void {
    this.#text = '';
  }

  toString(): string {
    return this.masked();
  }

  toJSON(): string {
    return this.masked();
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `PrivateText(${this.masked()})`;
  }
}

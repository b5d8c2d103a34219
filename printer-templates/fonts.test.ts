import { canRender, REQUIRED_CHARACTERS, typefaces } from './fonts';

describe('PretendardGOV from the npm package', () => {
  it('has the won sign and the other characters every paper needs, in both weights', () => {
    const { regular, bold } = typefaces();
    for (const font of [regular, bold]) {
      for (const character of REQUIRED_CHARACTERS) expect(font.hasGlyphForCodePoint(character.codePointAt(0) ?? 0)).toBe(true);
      expect(font.hasGlyphForCodePoint(0x20a9)).toBe(true);
    }
  });

  it('knows which Hanja it cannot draw, so names are never printed as tofu', () => {
    expect(canRender('金敏俊')).toBe(true);
    expect(canRender('丂')).toBe(false);
  });
});

import { describe, it, expect } from 'vitest';
import {
  ART_SHAPES,
  artFileName,
  isArtShape,
  parseArtFileName,
  renderProductArt,
  type ArtShape,
} from './product-art';

describe('renderProductArt', () => {
  it.each(ART_SHAPES)('renders %s as an SVG document containing the colour', (shape) => {
    const svg = renderProductArt({ shape, color: 'dc2626', style: 0 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('viewBox="0 0 600 600"');
    expect(svg).toContain('#dc2626');
  });

  it('is deterministic', () => {
    for (const shape of ART_SHAPES) {
      for (let style = 0; style < 8; style += 1) {
        const a = renderProductArt({ shape, color: '2563eb', style });
        const b = renderProductArt({ shape, color: '2563eb', style });
        expect(a).toBe(b);
      }
    }
  });

  it('varies with style', () => {
    for (const shape of ART_SHAPES) {
      const outputs = new Set<string>();
      for (let style = 0; style < 8; style += 1) {
        outputs.add(renderProductArt({ shape, color: '16a34a', style }));
      }
      expect(outputs.size).toBe(8);
    }
  });

  it('varies with colour', () => {
    expect(renderProductArt({ shape: 'mug', color: '16a34a', style: 1 })).not.toBe(
      renderProductArt({ shape: 'mug', color: '16a34b', style: 1 }),
    );
  });

  it('outlines light colours but not mid-tone ones', () => {
    expect(renderProductArt({ shape: 'tshirt', color: 'f3f4f6', style: 0 })).toMatch(/stroke-width="4" stroke-linejoin="round"/);
    expect(renderProductArt({ shape: 'tshirt', color: 'dc2626', style: 0 })).not.toMatch(
      /stroke-width="4" stroke-linejoin="round"/,
    );
  });

  it('normalises upper-case colours', () => {
    expect(renderProductArt({ shape: 'pen', color: 'DC2626', style: 2 })).toBe(
      renderProductArt({ shape: 'pen', color: 'dc2626', style: 2 }),
    );
  });

  it('produces balanced markup with no unfilled placeholders', () => {
    for (const shape of ART_SHAPES) {
      const svg = renderProductArt({ shape, color: 'f3f4f6', style: 5 });
      expect(svg).not.toMatch(/undefined|NaN|\$\{/);
      expect(svg.match(/<g[ >]/g)?.length ?? 0).toBe(svg.match(/<\/g>/g)?.length ?? 0);
      expect((svg.match(/<svg/g) ?? []).length).toBe(1);
    }
  });

  it('throws on invalid input', () => {
    expect(() => renderProductArt({ shape: 'sofa' as ArtShape, color: 'dc2626', style: 0 })).toThrow();
    expect(() => renderProductArt({ shape: 'mug', color: 'zzzzzz', style: 0 })).toThrow();
    expect(() => renderProductArt({ shape: 'mug', color: '#dc2626', style: 0 })).toThrow();
    expect(() => renderProductArt({ shape: 'mug', color: 'fff', style: 0 })).toThrow();
    expect(() => renderProductArt({ shape: 'mug', color: '"/><script>', style: 0 })).toThrow();
    expect(() => renderProductArt({ shape: 'mug', color: 'dc2626', style: 8 })).toThrow();
    expect(() => renderProductArt({ shape: 'mug', color: 'dc2626', style: -1 })).toThrow();
    expect(() => renderProductArt({ shape: 'mug', color: 'dc2626', style: 1.5 })).toThrow();
    expect(() => renderProductArt({ shape: 'mug', color: 'dc2626', style: Number.NaN })).toThrow();
  });
});

describe('isArtShape', () => {
  it('accepts known shapes only', () => {
    for (const shape of ART_SHAPES) expect(isArtShape(shape)).toBe(true);
    expect(isArtShape('sofa')).toBe(false);
    expect(isArtShape('')).toBe(false);
    expect(isArtShape('toString')).toBe(false);
    expect(isArtShape('constructor')).toBe(false);
  });
});

describe('parseArtFileName', () => {
  it('parses valid names', () => {
    expect(parseArtFileName('sneaker-dc2626-3.svg')).toEqual({ shape: 'sneaker', color: 'dc2626', style: 3 });
    expect(parseArtFileName('sleeping-bag-f3f4f6-0.svg')).toEqual({ shape: 'sleeping-bag', color: 'f3f4f6', style: 0 });
    expect(parseArtFileName('yoga-mat-111827-7.svg')).toEqual({ shape: 'yoga-mat', color: '111827', style: 7 });
    expect(parseArtFileName('mug-ABCDEF-1.svg')).toBeNull(); // one URL per image: lower-case hex only
  });

  it.each([
    ['unknown shape', 'sofa-dc2626-3.svg'],
    ['bad hex', 'sneaker-zzzzzz-3.svg'],
    ['short hex', 'sneaker-dc262-3.svg'],
    ['long hex', 'sneaker-dc26260-3.svg'],
    ['style 9', 'sneaker-dc2626-9.svg'],
    ['style 8', 'sneaker-dc2626-8.svg'],
    ['two-digit style', 'sneaker-dc2626-03.svg'],
    ['negative style', 'sneaker-dc2626--1.svg'],
    ['missing style', 'sneaker-dc2626.svg'],
    ['png extension', 'sneaker-dc2626-3.png'],
    ['upper-case extension', 'sneaker-dc2626-3.SVG'],
    ['no extension', 'sneaker-dc2626-3'],
    ['trailing junk', 'sneaker-dc2626-3.svg.png'],
    ['path traversal', '../x'],
    ['path traversal with valid tail', '../sneaker-dc2626-3.svg'],
    ['sub directory', 'a/sneaker-dc2626-3.svg'],
    ['backslash', '..\\sneaker-dc2626-3.svg'],
    ['leading space', ' sneaker-dc2626-3.svg'],
    ['newline', 'sneaker-dc2626-3.svg\n'],
    ['hash colour', 'sneaker-#dc2626-3.svg'],
    ['empty', ''],
  ])('rejects %s', (_label, name) => {
    expect(parseArtFileName(name)).toBeNull();
  });
});

describe('artFileName', () => {
  it('formats a canonical name', () => {
    expect(artFileName({ shape: 'sneaker', color: 'DC2626', style: 3 })).toBe('sneaker-dc2626-3.svg');
  });

  it('round-trips with parseArtFileName for every shape and style', () => {
    for (const shape of ART_SHAPES) {
      for (let style = 0; style < 8; style += 1) {
        const input = { shape, color: '0d9488', style };
        const name = artFileName(input);
        expect(parseArtFileName(name)).toEqual(input);
      }
    }
  });

  it('throws on invalid input', () => {
    expect(() => artFileName({ shape: 'mug', color: 'zzzzzz', style: 0 })).toThrow();
    expect(() => artFileName({ shape: 'mug', color: 'dc2626', style: 9 })).toThrow();
  });
});

/**
 * Deterministic SVG product illustrations for the demo shop.
 *
 * The demo catalogue may not use remote images, so every product image is a
 * flat illustration generated from three inputs: a shape (the kind of
 * product), the product colour and a style number that varies the
 * background and composition. The same input always yields the same string.
 *
 * Pure module: no React, no Node APIs, no dependencies.
 */

export const ART_SHAPES = [
  'tshirt',
  'hoodie',
  'jacket',
  'jeans',
  'sneaker',
  'boot',
  'backpack',
  'cap',
  'watch',
  'pan',
  'mug',
  'headphones',
  'speaker',
  'charger',
  'tent',
  'sleeping-bag',
  'yoga-mat',
  'bottle',
  'notebook',
  'pen',
] as const;

export type ArtShape = (typeof ART_SHAPES)[number];

export interface ProductArtInput {
  shape: ArtShape;
  /** 6 hex digits without '#'. */
  color: string;
  /** Integer 0..7. */
  style: number;
}

const SHAPE_SET: ReadonlySet<string> = new Set<string>(ART_SHAPES);
const HEX_RE = /^[0-9a-fA-F]{6}$/;
const FILE_RE = /^([a-z]+(?:-[a-z]+)*)-([0-9a-f]{6})-([0-7])\.svg$/;

export const ART_STYLE_COUNT = 8;

export function isArtShape(value: string): value is ArtShape {
  return typeof value === 'string' && SHAPE_SET.has(value);
}

function isStyle(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < ART_STYLE_COUNT;
}

function validate(input: ProductArtInput): ProductArtInput {
  if (input === null || typeof input !== 'object') {
    throw new TypeError('product art: input must be an object');
  }
  const { shape, color, style } = input;
  if (typeof shape !== 'string' || !isArtShape(shape)) {
    throw new RangeError(`product art: unknown shape ${JSON.stringify(shape)}`);
  }
  if (typeof color !== 'string' || !HEX_RE.test(color)) {
    throw new RangeError(`product art: color must be 6 hex digits without '#', got ${JSON.stringify(color)}`);
  }
  if (!isStyle(style)) {
    throw new RangeError(`product art: style must be an integer 0..7, got ${JSON.stringify(style)}`);
  }
  return { shape, color: color.toLowerCase(), style };
}

/**
 * Parses a file name like 'sneaker-dc2626-3.svg'. Returns null when anything
 * is invalid. Hex digits may be upper or lower case; the returned colour is
 * always lower case.
 */
export function parseArtFileName(fileName: string): ProductArtInput | null {
  if (typeof fileName !== 'string' || fileName.length > 64) return null;
  const m = FILE_RE.exec(fileName);
  if (!m) return null;
  const [, shape, color, style] = m;
  if (shape === undefined || color === undefined || style === undefined) return null;
  if (!isArtShape(shape)) return null;
  return { shape, color: color.toLowerCase(), style: Number(style) };
}

/** Canonical file name for an input, e.g. 'sneaker-dc2626-3.svg'. Throws on invalid input. */
export function artFileName(input: ProductArtInput): string {
  const v = validate(input);
  return `${v.shape}-${v.color}-${v.style}.svg`;
}

// ---------------------------------------------------------------------------
// Colour helpers

type Rgb = readonly [number, number, number];

function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex([r, g, b]: Rgb): string {
  return '#' + [r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
}

/** Mixes `hex` towards `target` by `amount` (0..1). */
function mix(hex: string, target: Rgb, amount: number): string {
  const c = hexToRgb(hex);
  return rgbToHex([
    c[0] + (target[0] - c[0]) * amount,
    c[1] + (target[1] - c[1]) * amount,
    c[2] + (target[2] - c[2]) * amount,
  ]);
}

const BLACK: Rgb = [15, 23, 42];
const WHITE: Rgb = [255, 255, 255];

/** WCAG relative luminance, 0 (black) .. 1 (white). */
function luminance(hex: string): number {
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = hexToRgb(hex);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

interface Palette {
  /** Product colour, '#rrggbb'. */
  base: string;
  /** Detail tone: darker than base (lighter for very dark colours). */
  shade: string;
  /** Strong detail tone: soles, openings, straps. */
  deep: string;
  /** Highlight tone. */
  hi: string;
  /** Outline colour for light products. */
  outline: string;
  /** Extra attributes for body shapes (outline stroke when the colour is light). */
  edge: string;
  /** Laces, drawstrings: near-white, or a dark tone on light products. */
  trim: string;
  /** Decorative stripe: highlight, or a darker tone on light products. */
  accent: string;
}

function palette(hex: string): Palette {
  const base = '#' + hex;
  const lum = luminance(hex);
  const veryDark = lum < 0.05;
  const light = lum > 0.55;
  const shade = veryDark ? mix(hex, WHITE, 0.22) : mix(hex, BLACK, light ? 0.28 : 0.25);
  const deep = veryDark ? mix(hex, WHITE, 0.1) : mix(hex, BLACK, light ? 0.55 : 0.5);
  const hi = mix(hex, WHITE, 0.35);
  const outline = mix(hex, BLACK, 0.45);
  const edge = light ? ` stroke="${outline}" stroke-width="4" stroke-linejoin="round"` : '';
  const trim = light ? outline : '#f8fafc';
  const accent = light ? shade : hi;
  return { base, shade, deep, hi, outline, edge, trim, accent };
}

// ---------------------------------------------------------------------------
// SVG helpers (all coordinates are integers, so output is stable)

const METAL = '#cbd5e1';
const METAL_DARK = '#94a3b8';
const PAPER = '#fafaf9';
const INK = '#334155';

function path(d: string, fill: string, extra = ''): string {
  return `<path d="${d}" fill="${fill}"${extra}/>`;
}

function line(d: string, stroke: string, width: number, extra = ''): string {
  return `<path d="${d}" fill="none" stroke="${stroke}" stroke-width="${width}" stroke-linecap="round" stroke-linejoin="round"${extra}/>`;
}

function rect(x: number, y: number, w: number, h: number, rx: number, fill: string, extra = ''): string {
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${rx}" fill="${fill}"${extra}/>`;
}

function circle(cx: number, cy: number, r: number, fill: string, extra = ''): string {
  return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}"${extra}/>`;
}

function ellipse(cx: number, cy: number, rx: number, ry: number, fill: string, extra = ''): string {
  return `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="${fill}"${extra}/>`;
}

/** A thick stroked body part (e.g. a headband) with an outline for light colours. */
function strokeBody(d: string, p: Palette, width: number): string {
  const under = p.edge ? line(d, p.outline, width + 8) : '';
  return under + line(d, p.base, width);
}

interface Drawing {
  /** SVG elements of the product, drawn upright around the canvas centre. */
  body: string;
  /** Shadow ellipse: centre x, centre y, radius x. */
  shadow: readonly [number, number, number];
}

type ShapeDrawer = (p: Palette) => Drawing;

// ---------------------------------------------------------------------------
// Shapes

const tshirt: ShapeDrawer = (p) => ({
  shadow: [300, 494, 150],
  body: [
    // inside of the back neck
    path('M232 120Q300 96 368 120Q300 150 232 120Z', p.deep),
    path(
      'M232 120Q300 162 368 120L440 146L508 224L450 284L410 250L410 476Q300 486 190 476L190 250L150 284L92 224L160 146Z',
      p.base,
      p.edge,
    ),
    // collar rib
    line('M236 124Q300 162 364 124', p.shade, 9),
    // sleeve hems
    line('M107 222L153 270', p.shade, 4, ' opacity="0.9"'),
    line('M493 222L447 270', p.shade, 4, ' opacity="0.9"'),
    // bottom hem
    line('M194 462Q300 472 406 462', p.shade, 4),
    // subtle fold highlight
    line('M250 200Q262 330 246 440', p.hi, 6, ' opacity="0.35"'),
  ].join(''),
});

const hoodie: ShapeDrawer = (p) => ({
  shadow: [300, 494, 160],
  body: [
    // sleeves
    path('M170 150Q128 166 122 214L100 432L150 440L184 256Z', p.base, p.edge),
    path('M430 150Q472 166 478 214L500 432L450 440L416 256Z', p.base, p.edge),
    rect(96, 424, 58, 26, 8, p.shade, p.edge),
    rect(446, 424, 58, 26, 8, p.shade, p.edge),
    // torso
    path('M170 148L430 148L412 250L414 470L186 470L188 250Z', p.base, p.edge),
    rect(184, 446, 232, 28, 8, p.shade, p.edge),
    // kangaroo pocket
    path('M226 352Q300 340 374 352L398 440L202 440Z', p.base, ` stroke="${p.shade}" stroke-width="5" stroke-linejoin="round"`),
    // hood
    path('M214 156Q208 76 300 70Q392 76 386 156Q356 202 300 206Q244 202 214 156Z', p.base, p.edge),
    path('M246 146Q248 100 300 98Q352 100 354 146Q336 178 300 180Q264 178 246 146Z', p.deep),
    // drawstrings
    line('M284 196L278 280', p.trim, 5),
    line('M316 196L322 280', p.trim, 5),
    rect(272, 276, 12, 18, 4, p.deep),
    rect(316, 276, 12, 18, 4, p.deep),
  ].join(''),
});

const jacket: ShapeDrawer = (p) => {
  const quilt = ` opacity="0.9"`;
  return {
    shadow: [300, 494, 160],
    body: [
      // sleeves
      path('M176 146Q130 160 124 210L102 430L156 438L188 250Z', p.base, p.edge),
      path('M424 146Q470 160 476 210L498 430L444 438L412 250Z', p.base, p.edge),
      rect(98, 422, 62, 26, 10, p.shade, p.edge),
      rect(440, 422, 62, 26, 10, p.shade, p.edge),
      line('M120 250L180 262', p.shade, 4, quilt),
      line('M114 320L176 330', p.shade, 4, quilt),
      line('M108 386L170 396', p.shade, 4, quilt),
      line('M480 250L420 262', p.shade, 4, quilt),
      line('M486 320L424 330', p.shade, 4, quilt),
      line('M492 386L430 396', p.shade, 4, quilt),
      // torso
      path('M176 140L424 140L412 250L416 474L184 474L188 250Z', p.base, p.edge),
      line('M190 230Q300 244 410 230', p.shade, 4, quilt),
      line('M188 300Q300 314 412 300', p.shade, 4, quilt),
      line('M188 370Q300 384 412 370', p.shade, 4, quilt),
      line('M188 440Q300 454 412 440', p.shade, 4, quilt),
      // stand collar
      path('M236 98L364 98L372 148Q300 170 228 148Z', p.shade, p.edge),
      path('M248 104Q300 118 352 104L352 112Q300 128 248 112Z', p.deep),
      // zipper
      line('M300 160L300 474', p.deep, 6),
      rect(292, 168, 16, 34, 5, METAL, ` stroke="${METAL_DARK}" stroke-width="2"`),
      // hand pockets
      line('M226 352L246 420', p.deep, 5),
      line('M374 352L354 420', p.deep, 5),
    ].join(''),
  };
};

const jeans: ShapeDrawer = (p) => ({
  shadow: [300, 496, 150],
  body: [
    path('M200 108L400 108L426 486L322 486L300 236L278 486L174 486Z', p.base, p.edge),
    path('M200 108L400 108L402 140L198 140Z', p.shade, p.edge),
    // belt loops
    rect(218, 102, 10, 44, 3, p.shade, p.edge),
    rect(276, 102, 10, 44, 3, p.shade, p.edge),
    rect(372, 102, 10, 44, 3, p.shade, p.edge),
    circle(314, 124, 8, METAL, ` stroke="${METAL_DARK}" stroke-width="2"`),
    // fly
    line('M300 140L300 212Q300 230 280 232', p.deep, 4),
    // front pockets
    line('M250 142Q244 188 200 198', p.deep, 4),
    line('M350 142Q356 188 400 198', p.deep, 4),
    // side seams and hems
    line('M196 210L182 470', p.shade, 3, ' opacity="0.8"'),
    line('M404 210L418 470', p.shade, 3, ' opacity="0.8"'),
    line('M178 468L278 468', p.shade, 4),
    line('M322 468L422 468', p.shade, 4),
  ].join(''),
});

const sneaker: ShapeDrawer = (p) => ({
  shadow: [302, 456, 200],
  body: [
    // upper
    path(
      'M126 404L122 286Q120 248 156 246L182 246Q204 284 244 272Q250 232 272 222Q290 216 300 232L360 306Q420 326 462 342Q500 358 496 404Z',
      p.base,
      p.edge,
    ),
    // heel counter and toe cap
    path('M126 404L120 300Q148 310 170 360L180 404Z', p.shade, p.edge),
    path('M420 330Q456 340 474 352Q498 366 496 404L440 404Q440 360 420 330Z', p.shade),
    // side stripe
    path('M214 380Q290 300 376 318L360 336Q292 326 242 392Z', p.accent, ' opacity="0.85"'),
    // laces
    ...([
      [282, 248],
      [298, 266],
      [314, 284],
      [330, 300],
    ] as const).map(([x, y]) => line(`M${x - 12} ${y + 10}L${x + 12} ${y - 10}`, p.trim, 6)),
    // collar lining
    path('M160 248Q200 290 246 272L240 284Q196 300 156 256Z', p.deep),
    // sole
    path(
      'M108 398L500 398Q510 398 508 414Q504 446 474 446L136 446Q106 446 106 418Q106 398 108 398Z',
      '#f8fafc',
      ` stroke="${METAL_DARK}" stroke-width="3" stroke-linejoin="round"`,
    ),
    line('M118 428L496 428', METAL_DARK, 3, ' opacity="0.7"'),
  ].join(''),
});

const boot: ShapeDrawer = (p) => ({
  shadow: [326, 478, 190],
  body: [
    // pull tab
    path('M176 130L176 96Q176 86 186 86L198 86Q206 86 206 96L206 130Z', p.shade, p.edge),
    // shaft and foot
    path('M172 120L320 120L324 296Q332 334 404 350L452 362Q494 374 494 414L494 432L168 432Q164 300 172 120Z', p.base, p.edge),
    // padded collar
    path('M172 118L320 118L321 144L171 144Z', p.shade, p.edge),
    // toe cap and heel counter
    path('M420 356Q396 396 412 432L494 432L494 414Q494 374 452 362Z', p.shade),
    path('M168 432Q166 360 172 300Q226 320 232 432Z', p.shade),
    // laces
    ...[168, 204, 240, 276].map((y) => line(`M292 ${y}L316 ${y + 30}M316 ${y}L292 ${y + 30}`, p.deep, 4)),
    // seam along the vamp
    line('M286 150L288 300Q300 346 380 360', p.deep, 3, ' opacity="0.7"'),
    // sole with heel
    path('M160 430L500 430L500 452Q500 464 488 464L286 464L276 476L168 476Q160 476 160 468Z', p.deep),
    line('M164 446L496 446', p.shade, 3, ' opacity="0.7"'),
  ].join(''),
});

const backpack: ShapeDrawer = (p) => ({
  shadow: [300, 490, 150],
  body: [
    // shoulder straps peeking out
    path('M200 200Q170 260 172 360L188 360Q190 270 214 210Z', p.deep),
    path('M400 200Q430 260 428 360L412 360Q410 270 386 210Z', p.deep),
    // top handle
    line('M268 150Q266 102 300 102Q334 102 332 150', p.deep, 12),
    // body
    path('M190 212Q190 136 300 136Q410 136 410 212L414 448Q414 480 382 480L218 480Q186 480 186 448Z', p.base, p.edge),
    // main zipper
    line('M206 232Q208 164 300 162Q392 164 394 232', p.shade, 5),
    rect(382, 228, 12, 26, 4, METAL, ` stroke="${METAL_DARK}" stroke-width="2"`),
    // front pocket
    path('M220 330Q220 306 244 306L356 306Q380 306 380 330L380 438Q380 460 358 460L242 460Q220 460 220 438Z', p.shade, p.edge),
    line('M232 330L368 330', p.deep, 4),
    rect(350, 330, 10, 24, 4, METAL, ` stroke="${METAL_DARK}" stroke-width="2"`),
    // compression straps
    rect(240, 224, 14, 84, 4, p.deep),
    rect(346, 224, 14, 84, 4, p.deep),
    rect(236, 266, 22, 14, 3, METAL),
    rect(342, 266, 22, 14, 3, METAL),
  ].join(''),
});

const cap: ShapeDrawer = (p) => ({
  shadow: [300, 408, 200],
  body: [
    // brim underside and top
    path('M360 372Q452 344 532 372Q544 392 526 402Q452 420 366 398Z', p.deep),
    path('M360 368Q452 338 532 368Q536 384 520 390Q448 380 366 390Z', p.base, p.edge),
    // crown
    path('M100 384Q96 214 256 194Q386 186 410 384Q256 400 100 384Z', p.base, p.edge),
    // panel seams
    line('M258 194Q214 260 206 388', p.shade, 4),
    line('M258 194Q316 252 330 390', p.shade, 4),
    // eyelets
    circle(180, 270, 6, p.deep),
    circle(300, 250, 6, p.deep),
    // sweatband edge
    line('M104 372Q256 388 406 372', p.shade, 6),
    // button
    ellipse(258, 192, 16, 8, p.shade, p.edge),
  ].join(''),
});

const watch: ShapeDrawer = (p) => {
  const ticks: string[] = [];
  for (let i = 0; i < 12; i += 1) {
    const long = i % 3 === 0;
    ticks.push(
      `<rect x="297" y="${long ? 212 : 214}" width="6" height="${long ? 20 : 12}" rx="2" fill="${INK}" transform="rotate(${i * 30} 300 300)"/>`,
    );
  }
  return {
    shadow: [300, 512, 110],
    body: [
      // straps
      path('M250 92L350 92L346 210L254 210Z', p.base, p.edge),
      path('M254 390L346 390L350 508L250 508Z', p.base, p.edge),
      line('M262 120L338 120', p.shade, 4),
      ...[430, 456, 482].map((y) => ellipse(300, y, 6, 7, p.deep)),
      // crown
      rect(404, 284, 24, 32, 6, METAL, ` stroke="${METAL_DARK}" stroke-width="2"`),
      // case and face
      circle(300, 300, 114, p.shade, p.edge),
      circle(300, 300, 98, METAL, ` stroke="${METAL_DARK}" stroke-width="3"`),
      circle(300, 300, 88, PAPER),
      ...ticks,
      // hands: 10:10
      `<rect x="296" y="236" width="8" height="70" rx="4" fill="${INK}" transform="rotate(50 300 300)"/>`,
      `<rect x="296" y="252" width="8" height="54" rx="4" fill="${INK}" transform="rotate(-60 300 300)"/>`,
      `<rect x="299" y="226" width="2" height="84" rx="1" fill="#ef4444" transform="rotate(160 300 300)"/>`,
      circle(300, 300, 8, INK),
    ].join(''),
  };
};

const pan: ShapeDrawer = (p) => ({
  shadow: [290, 428, 190],
  body: [
    // handle
    path('M372 288L530 240Q552 234 558 252Q562 270 542 278L384 330Z', '#27272a'),
    circle(532, 258, 7, '#f4f4f5'),
    rect(362, 286, 30, 40, 8, METAL, ` stroke="${METAL_DARK}" stroke-width="2" transform="rotate(-17 377 306)"`),
    // side wall
    path('M78 310L90 360Q112 430 230 430Q348 430 370 360L382 310Z', p.base, p.edge),
    path('M90 360Q112 430 230 430Q348 430 370 360Q348 400 230 402Q112 400 90 360Z', p.shade),
    // rim and cooking surface
    ellipse(230, 310, 152, 86, p.hi, p.edge),
    ellipse(230, 314, 132, 70, '#3f3f46'),
    ellipse(220, 300, 60, 24, '#52525b', ' opacity="0.7"'),
  ].join(''),
});

const mug: ShapeDrawer = (p) => ({
  shadow: [290, 470, 150],
  body: [
    // steam
    line('M240 136Q224 116 240 96Q256 76 240 56', METAL_DARK, 6, ' opacity="0.5"'),
    line('M290 136Q274 116 290 96Q306 76 290 56', METAL_DARK, 6, ' opacity="0.5"'),
    // handle
    path('M360 226Q450 222 452 306Q454 392 360 394L360 360Q420 358 420 306Q418 258 360 260Z', p.base, p.edge),
    // body
    path('M150 180L370 180L370 416Q370 468 318 468L202 468Q150 468 150 416Z', p.base, p.edge),
    path('M150 404Q150 468 202 468L318 468Q370 468 370 404L370 416Q370 468 318 468L202 468Q150 468 150 416Z', p.shade),
    rect(176, 212, 18, 200, 9, '#ffffff', ' opacity="0.25"'),
    // rim
    ellipse(260, 180, 110, 24, p.shade, p.edge),
    ellipse(260, 182, 98, 17, '#5b3a29'),
  ].join(''),
});

const headphones: ShapeDrawer = (p) => ({
  shadow: [300, 470, 170],
  body: [
    // headband
    strokeBody('M170 300Q168 118 300 118Q432 118 430 300', p, 26),
    line('M204 190Q226 150 300 148Q374 150 396 190', p.shade, 14),
    // sliders
    rect(160, 262, 20, 56, 6, METAL, ` stroke="${METAL_DARK}" stroke-width="2"`),
    rect(420, 262, 20, 56, 6, METAL, ` stroke="${METAL_DARK}" stroke-width="2"`),
    // ear cups
    rect(118, 300, 86, 156, 40, p.base, p.edge),
    rect(396, 300, 86, 156, 40, p.base, p.edge),
    rect(196, 316, 30, 124, 14, p.deep),
    rect(374, 316, 30, 124, 14, p.deep),
    ellipse(156, 378, 18, 40, p.shade),
    ellipse(444, 378, 18, 40, p.shade),
  ].join(''),
});

const speaker: ShapeDrawer = (p) => ({
  shadow: [300, 490, 130],
  body: [
    rect(216, 470, 26, 14, 4, p.deep),
    rect(358, 470, 26, 14, 4, p.deep),
    rect(196, 106, 208, 372, 30, p.base, p.edge),
    // tweeter
    circle(300, 206, 44, p.shade),
    circle(300, 206, 30, p.deep),
    circle(300, 206, 11, p.shade),
    // woofer
    circle(300, 364, 84, p.shade),
    circle(300, 364, 68, p.deep),
    circle(300, 364, 26, p.shade),
    circle(292, 356, 8, '#ffffff', ' opacity="0.25"'),
    circle(300, 134, 5, '#22c55e'),
  ].join(''),
});

const charger: ShapeDrawer = (p) => ({
  shadow: [300, 490, 130],
  body: [
    // prongs
    rect(244, 92, 18, 60, 4, METAL, ` stroke="${METAL_DARK}" stroke-width="3"`),
    rect(338, 92, 18, 60, 4, METAL, ` stroke="${METAL_DARK}" stroke-width="3"`),
    // cable
    line('M300 300L300 344Q300 402 372 404Q430 406 430 448', p.deep, 14),
    line('M300 300L300 344Q300 402 372 404Q430 406 430 448', p.shade, 8),
    rect(412, 440, 36, 48, 8, p.shade, p.edge),
    rect(420, 484, 20, 12, 3, METAL, ` stroke="${METAL_DARK}" stroke-width="2"`),
    // brick
    rect(196, 146, 208, 168, 32, p.base, p.edge),
    rect(196, 282, 208, 32, 16, p.shade),
    rect(196, 276, 208, 16, 0, p.base),
    // bolt
    path('M312 170L262 238L296 238L284 290L338 216L304 216Z', p.hi, p.edge ? ` stroke="${p.outline}" stroke-width="3" stroke-linejoin="round"` : ''),
  ].join(''),
});

const tent: ShapeDrawer = (p) => ({
  shadow: [300, 462, 220],
  body: [
    // guy lines and pegs
    line('M196 266L92 452', METAL_DARK, 3),
    line('M404 266L508 452', METAL_DARK, 3),
    rect(86, 446, 12, 18, 2, METAL_DARK),
    rect(502, 446, 12, 18, 2, METAL_DARK),
    // pole tip
    line('M300 150L300 112', p.deep, 6),
    // fly
    path('M112 452Q144 262 300 146Q456 262 488 452Z', p.base, p.edge),
    path('M300 146Q456 262 488 452L400 452Q380 268 300 146Z', p.shade),
    // door opening with flap rolled aside
    path('M300 206Q256 330 238 452L362 452Q344 330 300 206Z', p.deep),
    path('M300 206Q256 330 238 452L276 452Q280 330 300 206Z', p.hi, p.edge),
    line('M300 206L318 452', p.shade, 3, ' opacity="0.6"'),
    // ground
    line('M104 454L496 454', p.deep, 6),
  ].join(''),
});

const sleepingBag: ShapeDrawer = (p) => {
  const baffles = [240, 284, 328, 372, 416].map((y) => {
    const t = (y - 240) / 230;
    const half = Math.round(90 - t * 26);
    return line(`M${300 - half} ${y}Q300 ${y + 14} ${300 + half} ${y}`, p.shade, 4);
  });
  return {
    shadow: [300, 490, 110],
    body: [
      path('M300 94Q386 94 394 170Q404 236 392 300L372 466Q300 490 228 466L208 300Q196 236 206 170Q214 94 300 94Z', p.base, p.edge),
      ...baffles,
      // hood opening
      ellipse(300, 170, 64, 50, p.shade, p.edge),
      ellipse(300, 174, 48, 36, p.deep),
      // zipper
      line('M346 210Q372 310 360 460', p.deep, 5),
      rect(338, 214, 14, 26, 4, METAL, ` stroke="${METAL_DARK}" stroke-width="2"`),
      // drawcord toggle
      line('M262 216L254 246', METAL_DARK, 3),
      rect(246, 244, 14, 18, 5, p.deep),
    ].join(''),
  };
};

const yogaMat: ShapeDrawer = (p) => ({
  shadow: [300, 420, 190],
  body: [
    // roll
    path('M164 246L430 246A44 74 0 0 1 430 394L164 394A44 74 0 0 1 164 246Z', p.base, p.edge),
    rect(164, 260, 266, 10, 5, '#ffffff', ' opacity="0.25"'),
    // carry strap
    line('M216 248Q300 140 384 248', p.deep, 8),
    rect(208, 244, 16, 152, 4, p.deep),
    rect(376, 244, 16, 152, 4, p.deep),
    // end face with spiral
    ellipse(430, 320, 44, 74, p.shade, p.edge),
    ellipse(430, 320, 34, 58, 'none', ` stroke="${p.deep}" stroke-width="4"`),
    ellipse(430, 320, 24, 42, 'none', ` stroke="${p.deep}" stroke-width="4"`),
    ellipse(430, 320, 14, 26, 'none', ` stroke="${p.deep}" stroke-width="4"`),
    ellipse(430, 320, 5, 10, p.deep),
  ].join(''),
});

const bottle: ShapeDrawer = (p) => ({
  shadow: [300, 494, 100],
  body: [
    // cap loop and cap
    line('M280 112Q280 74 300 74Q320 74 320 112', p.deep, 10),
    rect(256, 104, 88, 56, 12, p.deep),
    line('M270 118L270 148M286 118L286 148M302 118L302 148M318 118L318 148M334 118L334 148', p.shade, 3, ' opacity="0.8"'),
    // body
    path('M266 158L334 158Q334 198 366 216Q382 226 382 252L382 466Q382 488 360 488L240 488Q218 488 218 466L218 252Q218 226 234 216Q266 198 266 158Z', p.base, p.edge),
    rect(218, 326, 164, 64, 0, p.shade),
    line('M266 358L334 358', p.hi, 6, ' opacity="0.8"'),
    rect(234, 244, 16, 220, 8, '#ffffff', ' opacity="0.28"'),
    rect(218, 458, 164, 30, 0, p.shade, ' opacity="0.6"'),
  ].join(''),
});

const notebook: ShapeDrawer = (p) => {
  const rings: string[] = [];
  for (let y = 138; y <= 446; y += 28) {
    rings.push(circle(214, y, 6, p.deep));
    rings.push(rect(176, y - 5, 44, 10, 5, METAL, ` stroke="${METAL_DARK}" stroke-width="2"`));
  }
  return {
    shadow: [310, 490, 140],
    body: [
      // pages
      rect(204, 118, 232, 364, 12, PAPER, ' stroke="#d6d3d1" stroke-width="3"'),
      line('M436 140L436 460', '#e7e5e4', 4),
      // cover
      rect(192, 110, 232, 364, 14, p.base, p.edge),
      // label
      rect(250, 176, 130, 70, 8, PAPER, ` stroke="${p.shade}" stroke-width="3"`),
      line('M268 202L362 202', METAL_DARK, 5),
      line('M268 222L334 222', METAL_DARK, 5),
      // elastic band
      rect(392, 110, 12, 364, 0, p.deep),
      // ribbon bookmark
      path('M340 472L358 472L358 506L349 498L340 506Z', '#dc2626'),
      ...rings,
    ].join(''),
  };
};

const pen: ShapeDrawer = (p) => ({
  shadow: [300, 470, 170],
  body: [
    '<g transform="rotate(45 300 300)">',
    // tip
    path('M282 452L318 452L304 500Q300 508 296 500Z', METAL, ` stroke="${METAL_DARK}" stroke-width="2" stroke-linejoin="round"`),
    // barrel
    rect(274, 236, 52, 206, 14, p.base, p.edge),
    // grip
    rect(278, 400, 44, 58, 10, p.deep),
    line('M282 414L318 414M282 428L318 428M282 442L318 442', p.shade, 3),
    // cap
    rect(270, 96, 60, 150, 24, p.shade, p.edge),
    rect(270, 232, 60, 14, 4, METAL, ` stroke="${METAL_DARK}" stroke-width="2"`),
    // clip
    path('M322 108L336 108Q342 108 342 116L342 208Q342 222 332 222L322 222Z', METAL, ` stroke="${METAL_DARK}" stroke-width="2"`),
    rect(282, 110, 8, 110, 4, '#ffffff', ' opacity="0.25"'),
    '</g>',
  ].join(''),
});

const DRAWERS: Record<ArtShape, ShapeDrawer> = {
  tshirt,
  hoodie,
  jacket,
  jeans,
  sneaker,
  boot,
  backpack,
  cap,
  watch,
  pan,
  mug,
  headphones,
  speaker,
  charger,
  tent,
  'sleeping-bag': sleepingBag,
  'yoga-mat': yogaMat,
  bottle,
  notebook,
  pen,
};

// ---------------------------------------------------------------------------
// Backgrounds

interface StyleSpec {
  /** Background tint (light neutral). */
  tint: string;
  /** Product rotation in degrees, within -8..8. */
  angle: number;
  pattern: 'none' | 'dots' | 'diagonal' | 'grid' | 'rings';
}

const STYLES: readonly StyleSpec[] = [
  { tint: '#f5f5f4', angle: 0, pattern: 'none' },
  { tint: '#f1f5f9', angle: -6, pattern: 'dots' },
  { tint: '#fbf1ea', angle: 4, pattern: 'diagonal' },
  { tint: '#edf6f0', angle: -3, pattern: 'none' },
  { tint: '#f3f1fb', angle: 6, pattern: 'grid' },
  { tint: '#fbf8e6', angle: -8, pattern: 'rings' },
  { tint: '#eaf3f9', angle: 3, pattern: 'dots' },
  { tint: '#faeff2', angle: 8, pattern: 'diagonal' },
];

function patternDef(id: string, kind: StyleSpec['pattern'], ink: string): string {
  switch (kind) {
    case 'dots':
      return `<pattern id="${id}" width="24" height="24" patternUnits="userSpaceOnUse"><circle cx="12" cy="12" r="2" fill="${ink}"/></pattern>`;
    case 'diagonal':
      return `<pattern id="${id}" width="20" height="20" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="20" fill="${ink}"/></pattern>`;
    case 'grid':
      return `<pattern id="${id}" width="40" height="40" patternUnits="userSpaceOnUse"><path d="M40 0H0V40" fill="none" stroke="${ink}" stroke-width="2"/></pattern>`;
    case 'rings':
      return `<pattern id="${id}" width="48" height="48" patternUnits="userSpaceOnUse"><circle cx="24" cy="24" r="9" fill="none" stroke="${ink}" stroke-width="2"/></pattern>`;
    case 'none':
      return '';
  }
}

/**
 * Renders a complete SVG document (viewBox 0 0 600 600) for the given
 * product. Deterministic; throws on invalid input.
 */
export function renderProductArt(input: ProductArtInput): string {
  const { shape, color, style } = validate(input);
  const spec = STYLES[style];
  if (spec === undefined) throw new RangeError(`product art: style ${style} out of range`);
  const p = palette(color);
  const drawing = DRAWERS[shape](p);
  const id = `pa-${shape}-${color}-${style}`;
  const tintDark = mix(spec.tint.slice(1), BLACK, 0.06);
  const ink = mix(spec.tint.slice(1), BLACK, 0.5);
  const pattern = patternDef(`${id}-pt`, spec.pattern, ink);
  const [sx, sy, srx] = drawing.shadow;
  const transform = spec.angle === 0 ? '' : ` transform="rotate(${spec.angle} 300 ${sy})"`;

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 600" width="600" height="600" role="img" aria-label="${shape} illustration">`,
    '<defs>',
    `<linearGradient id="${id}-bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${spec.tint}"/><stop offset="1" stop-color="${tintDark}"/></linearGradient>`,
    `<radialGradient id="${id}-glow" cx="0.5" cy="0.45" r="0.55"><stop offset="0" stop-color="#ffffff" stop-opacity="0.75"/><stop offset="1" stop-color="#ffffff" stop-opacity="0"/></radialGradient>`,
    `<radialGradient id="${id}-sh"><stop offset="0" stop-color="#0f172a" stop-opacity="0.28"/><stop offset="0.6" stop-color="#0f172a" stop-opacity="0.12"/><stop offset="1" stop-color="#0f172a" stop-opacity="0"/></radialGradient>`,
    pattern,
    '</defs>',
    `<rect width="600" height="600" fill="url(#${id}-bg)"/>`,
    pattern ? `<rect width="600" height="600" fill="url(#${id}-pt)" opacity="0.07"/>` : '',
    `<rect width="600" height="600" fill="url(#${id}-glow)"/>`,
    `<ellipse cx="${sx}" cy="${sy}" rx="${srx}" ry="${Math.round(srx / 7) + 6}" fill="url(#${id}-sh)"/>`,
    `<g${transform}>`,
    drawing.body,
    '</g>',
    '</svg>',
  ].join('');
}

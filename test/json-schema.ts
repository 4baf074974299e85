/**
 * Just enough JSON Schema (2020-12) for the OpenAPI tests: checking a value
 * against a schema of the document (with `$ref`s into it), and making a
 * sample value from a schema the way API tools do (examples, defaults, first
 * enum value, then the type's simplest value within its limits).
 */
type Json = Record<string, unknown>;

export function resolve(root: unknown, schema: unknown): Json {
  let current = schema as Json;
  for (let depth = 0; current && typeof current.$ref === 'string'; depth++) {
    if (depth > 20) throw new Error('$ref loop');
    const ref = current.$ref as string;
    if (!ref.startsWith('#/')) throw new Error(`external $ref ${ref}`);
    const target = ref
      .slice(2)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], root);
    if (target === undefined) throw new Error(`$ref ${ref} does not resolve`);
    current = target as Json;
  }
  return current;
}

const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;

const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
};

/** Every way `value` breaks `schema` (empty when it fits), as `path: problem`. */
export function validate(root: unknown, schema: unknown, value: unknown, path = '$'): string[] {
  const s = resolve(root, schema);
  const errors: string[] = [];
  const fail = (message: string) => errors.push(`${path}: ${message}`);
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    const actual = typeOf(value);
    if (!types.some((t) => t === actual || (t === 'number' && actual === 'integer'))) {
      fail(`is ${actual}, expected ${types.join('|')}`);
      return errors;
    }
  }
  if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(value)) fail(`must be ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) fail(`must be one of ${JSON.stringify(s.enum)}`);
  if (Array.isArray(s.anyOf) && !s.anyOf.some((sub) => validate(root, sub, value, path).length === 0)) fail('matches none of anyOf');
  if (Array.isArray(s.oneOf) && s.oneOf.filter((sub) => validate(root, sub, value, path).length === 0).length !== 1) fail('must match exactly one of oneOf');
  if (Array.isArray(s.allOf)) for (const sub of s.allOf) errors.push(...validate(root, sub, value, path));
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) fail(`below minimum ${s.minimum}`);
    if (typeof s.maximum === 'number' && value > s.maximum) fail(`above maximum ${s.maximum}`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof s.minLength === 'number' && length < s.minLength) fail(`shorter than ${s.minLength}`);
    if (typeof s.maxLength === 'number' && length > s.maxLength) fail(`longer than ${s.maxLength}`);
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) fail(`does not match ${s.pattern}`);
    const format = typeof s.format === 'string' ? FORMATS[s.format] : undefined;
    if (format && !format.test(value)) fail(`is not a ${s.format}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) fail(`fewer than ${s.minItems} items`);
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) fail(`more than ${s.maxItems} items`);
    if (s.items) value.forEach((item, i) => errors.push(...validate(root, s.items, item, `${path}[${i}]`)));
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Json;
    const properties = (s.properties ?? {}) as Json;
    for (const key of (s.required ?? []) as string[]) if (!(key in object)) fail(`missing required ${key}`);
    for (const [key, item] of Object.entries(object)) {
      if (key in properties) errors.push(...validate(root, properties[key], item, `${path}.${key}`));
      else if (s.additionalProperties === false) fail(`has undocumented property ${key}`);
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') errors.push(...validate(root, s.additionalProperties, item, `${path}.${key}`));
      if (s.propertyNames) errors.push(...validate(root, s.propertyNames, key, `${path}{${key}}`));
    }
  }
  return errors;
}

export type SampleOptions = {
  /** Values for fields by name (ids that must exist, unique emails…). */
  overrides?: Record<string, unknown>;
  /** Fill optional properties too (not only required ones). */
  optional?: boolean;
};

/** A value that satisfies `schema`, made from the schema alone (plus overrides by field name). */
export function sample(root: unknown, schema: unknown, options: SampleOptions = {}, name?: string): unknown {
  if (name !== undefined && options.overrides && name in options.overrides) return options.overrides[name];
  const s = resolve(root, schema);
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if ('default' in s) return s.default;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  const variants = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (Array.isArray(variants) && s.type === 'object') {
    // An object that must also satisfy one of several `required` lists: take the first, leave out the others' fields.
    const [first, ...others] = variants.map((v) => resolve(root, v));
    const excluded = new Set(others.flatMap((v) => (v.required ?? []) as string[]));
    const properties = Object.fromEntries(Object.entries((s.properties ?? {}) as Json).filter(([key]) => !excluded.has(key) || ((first!.required ?? []) as string[]).includes(key)));
    return sample(root, { ...s, anyOf: undefined, oneOf: undefined, properties, required: [...((s.required ?? []) as string[]), ...((first!.required ?? []) as string[])] }, options, name);
  }
  if (Array.isArray(variants)) return sample(root, variants.find((v) => resolve(root, v).type !== 'null') ?? variants[0], options, name);
  switch (s.type) {
    case 'object': {
      const out: Json = {};
      const required = new Set((s.required ?? []) as string[]);
      for (const [key, property] of Object.entries((s.properties ?? {}) as Json)) {
        if (required.has(key) || options.optional || (options.overrides && key in options.overrides)) out[key] = sample(root, property, options, key);
      }
      return out;
    }
    case 'array': {
      const count = Math.max(1, typeof s.minItems === 'number' ? s.minItems : 1);
      return Array.from({ length: count }, () => sample(root, s.items ?? {}, options, name));
    }
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? Math.max(s.minimum, 1) : 1;
    case 'boolean':
      return true;
    case 'string': {
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (s.format === 'email') return 'someone@example.com';
      if (s.format === 'date-time') return new Date(0).toISOString();
      const min = typeof s.minLength === 'number' ? s.minLength : 1;
      const value = 'sample'.padEnd(Math.max(min, 1), 'x');
      return typeof s.maxLength === 'number' ? value.slice(0, Math.max(s.maxLength, min)) : value;
    }
    default:
      return null;
  }
}

/** Every `$ref` anywhere in `node`. */
export function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) collectRefs(item, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push(value);
      else collectRefs(value, out);
    }
  }
  return out;
}

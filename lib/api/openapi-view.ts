/** Reading the OpenAPI document for people: operations by tag, fields as rows (the /docs/api page). */
import type { OpenApiDocument } from './openapi';

type Json = Record<string, unknown>;

export type FieldRow = { name: string; type: string; required: boolean; notes: string };

export type ResponseView = { status: string; description: string; schemaName: string | null; fields: FieldRow[] };

export type OperationView = {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  access: string;
  accessNote: string | null;
  parameters: (FieldRow & { in: string })[];
  idempotent: boolean;
  body: { schemaName: string; fields: FieldRow[] } | null;
  responses: ResponseView[];
};

export type TagView = { name: string; description: string; operations: OperationView[] };

const METHOD_ORDER = ['get', 'post', 'put', 'patch', 'delete'];

export function resolveRef(doc: OpenApiDocument, value: unknown): Json {
  let current = value as Json;
  for (let depth = 0; current && typeof current.$ref === 'string' && depth < 10; depth++) {
    const path = (current.$ref as string).replace(/^#\//, '').split('/');
    current = path.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc) as Json;
  }
  return current ?? {};
}

const refName = (value: unknown) => {
  const ref = (value as Json | undefined)?.$ref;
  return typeof ref === 'string' ? ref.split('/').pop()! : null;
};

/** A short type: `string (uuid)`, `integer`, `"standard" | "express"`, `array of object`, `… or null`. */
export function describeType(schema: Json): string {
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (Array.isArray(variants)) {
    const named = variants.filter((v) => v.type !== 'null').map(describeType);
    const unique = [...new Set(named)];
    const nullable = variants.some((v) => v.type === 'null');
    return `${unique.join(' or ')}${nullable ? ' or null' : ''}`;
  }
  if (Array.isArray(schema.type)) {
    const types = schema.type as string[];
    const rest = types.filter((t) => t !== 'null').map((type) => describeType({ ...schema, type }));
    return `${rest.join(' or ')}${types.includes('null') ? ' or null' : ''}`;
  }
  if (schema.type === 'array') return `array of ${describeType((schema.items as Json) ?? {})}`;
  if (schema.type === 'string' && typeof schema.format === 'string') return `string (${schema.format})`;
  if (typeof schema.type === 'string') return schema.type;
  return 'any';
}

/** Limits and hints: min/max, length, pattern, default, examples, description. */
export function describeNotes(schema: Json): string {
  const notes: string[] = [];
  const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  const base = Array.isArray(variants) ? (variants.find((v) => v.type !== 'null') ?? schema) : schema;
  if (typeof schema.description === 'string') notes.push(schema.description);
  const range = (min: unknown, max: unknown, unit: string) => {
    if (typeof min === 'number' && typeof max === 'number') notes.push(`${min}–${max}${unit}`);
    else if (typeof min === 'number') notes.push(`at least ${min}${unit}`);
    else if (typeof max === 'number') notes.push(`at most ${max}${unit}`);
  };
  range(base.minimum, base.maximum, '');
  range(base.minLength, base.maxLength, ' characters');
  range(base.minItems, base.maxItems, ' entries');
  if (typeof base.pattern === 'string' && base.format !== 'uuid') notes.push(`pattern ${base.pattern}`);
  if ('default' in schema) notes.push(`default ${JSON.stringify(schema.default)}`);
  if (Array.isArray(schema.examples) && schema.examples.length) notes.push(`e.g. ${JSON.stringify(schema.examples[0])}`);
  return notes.join('; ');
}

/** The fields of an object schema as rows, nested objects and arrays of objects with dotted names (`items[].item_id`). */
export function fieldRows(doc: OpenApiDocument, schemaOrRef: unknown, prefix = '', depth = 0): FieldRow[] {
  const schema = resolveRef(doc, schemaOrRef);
  const properties = schema.properties as Record<string, Json> | undefined;
  if (!properties || depth > 3) return [];
  const required = new Set((schema.required ?? []) as string[]);
  const rows: FieldRow[] = [];
  for (const [key, raw] of Object.entries(properties)) {
    const property = resolveRef(doc, raw);
    const name = `${prefix}${key}`;
    rows.push({ name, type: describeType(property), required: required.has(key), notes: describeNotes(property) });
    const variants = (property.anyOf ?? property.oneOf) as Json[] | undefined;
    const inner = Array.isArray(variants) ? variants.find((v) => v.type === 'object' || v.type === 'array') : property;
    if (inner?.type === 'object') rows.push(...fieldRows(doc, inner, `${name}.`, depth + 1));
    if (inner?.type === 'array') rows.push(...fieldRows(doc, inner.items, `${name}[].`, depth + 1));
  }
  return rows;
}

export function operationsByTag(doc: OpenApiDocument): TagView[] {
  const tags = ((doc.tags ?? []) as { name: string; description?: string }[]).map((tag) => ({
    name: tag.name,
    description: tag.description ?? '',
    operations: [] as OperationView[],
  }));
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHOD_ORDER) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      const tagName = ((operation.tags as string[] | undefined) ?? ['Other'])[0]!;
      let tag = tags.find((t) => t.name === tagName);
      if (!tag) tags.push((tag = { name: tagName, description: '', operations: [] }));
      const parameters = ((operation.parameters ?? []) as unknown[]).map((p) => resolveRef(doc, p));
      const requestRef = ((operation.requestBody as Json | undefined)?.content as Json | undefined)?.['application/json'] as Json | undefined;
      tag.operations.push({
        id: String(operation.operationId),
        method: method.toUpperCase(),
        path: `/api/v1${path}`,
        summary: String(operation.summary ?? ''),
        description: String(operation.description ?? '')
          .replace(/\*\*Who may call it:\*\*[^\n]*$/, '')
          .trim(),
        access: String(operation['x-access'] ?? ''),
        accessNote: typeof operation['x-access-note'] === 'string' ? operation['x-access-note'] : null,
        idempotent: parameters.some((p) => p.name === 'Idempotency-Key'),
        parameters: parameters
          .filter((p) => p.name !== 'Idempotency-Key')
          .map((p) => ({
            name: String(p.name),
            in: String(p.in),
            type: describeType((p.schema as Json) ?? {}),
            required: p.required === true,
            notes: [p.description, describeNotes((p.schema as Json) ?? {})].filter(Boolean).join('; '),
          })),
        body: requestRef ? { schemaName: refName(requestRef.schema) ?? 'body', fields: fieldRows(doc, requestRef.schema) } : null,
        responses: Object.entries((operation.responses ?? {}) as Record<string, unknown>).map(([status, raw]) => {
          const response = resolveRef(doc, raw);
          const schema = ((response.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema;
          const name = refName(schema);
          return {
            status,
            description: String(response.description ?? ''),
            schemaName: name,
            fields: name && name !== 'Error' ? fieldRows(doc, schema) : [],
          };
        }),
      });
    }
  }
  return tags.filter((tag) => tag.operations.length > 0);
}

/** Reading a JSON request body safely: content type, size limit, syntax, then the schema. */
import type { z } from 'zod';
import { ApiError, parseInput } from './errors';

export const MAX_BODY_BYTES = 64 * 1024;

export type JsonBody<T> = { value: T; text: string };

export async function readJson<S extends z.ZodType>(request: Request, schema: S, maxBytes = MAX_BODY_BYTES): Promise<JsonBody<z.infer<S>>> {
  const text = await readText(request, maxBytes);
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
    throw new ApiError(400, 'invalid_request', 'Send a JSON body with content-type: application/json', {
      fields: { 'content-type': 'must be application/json' },
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_request', 'The body is not valid JSON', { fields: { '(body)': 'is not valid JSON' } });
  }
  return { value: parseInput(schema, raw), text };
}

async function readText(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => new ApiError(413, 'payload_too_large', `The body must be at most ${maxBytes} bytes`);
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiError(400, 'invalid_request', 'The body is not valid UTF-8', { fields: { '(body)': 'is not valid UTF-8' } });
  }
}

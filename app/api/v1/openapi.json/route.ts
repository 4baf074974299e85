import { json, route } from '@/lib/api/http';
import { openApiDocument } from '@/lib/api/openapi';

/** The OpenAPI 3.1 description of this API (lib/api/openapi.ts): public, the same for everyone, cacheable. */
export const GET = route(async () =>
  json(openApiDocument(), 200, { 'cache-control': 'public, max-age=3600, stale-while-revalidate=86400' }),
);

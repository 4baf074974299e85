import { getDb } from '@/db/client';
import { ApiError } from '@/lib/api/errors';
import { assertStaff } from '@/lib/auth/authorize';
import { exportProductsCsv } from '@/lib/catalog/csv';
import { getCurrentUser } from '@/lib/session/current-user';

export const dynamic = 'force-dynamic';

/** The catalog (or the list's current filters) as a CSV download: one row per variant on sale. */
export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await getCurrentUser();
    assertStaff(actor);
    const params = new URL(request.url).searchParams;
    const { csv } = await exportProductsCsv(getDb(), actor, {
      q: params.get('q') ?? undefined,
      status: params.get('status') ?? undefined,
      category: params.get('category') ?? undefined,
      lowStock: params.get('low') ?? undefined,
    });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(`\uFEFF${csv}`, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="stockwise-products-${day}.csv"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (error) {
    if (error instanceof ApiError) return new Response(error.message, { status: error.status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    throw error;
  }
}

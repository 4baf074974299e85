import { requireActor } from '@/lib/api/actor';
import { readJson } from '@/lib/api/body';
import { route } from '@/lib/api/http';
import { idempotent } from '@/lib/api/idempotency';
import { createItem, itemCreateSchema } from '@/lib/catalog/admin-products';
import { revalidateCatalog } from '@/lib/catalog/cache-tags';
import { fetchItem } from '@/lib/catalog/queries';

/**
 * POST /items (merchant, admin): a new product on sale with one item (SKU) and
 * its first stock → 201 the item. Idempotency-Key replays the first answer.
 */
export const POST = route(async (request) => {
  const actor = await requireActor(request, ['merchant', 'admin']);
  const { value, text } = await readJson(request, itemCreateSchema);
  const response = await idempotent(request, `items:${actor.id}`, text, async (tx) => {
    const { itemId } = await createItem(tx, actor, value);
    return { status: 201, body: await fetchItem(tx, itemId) };
  });
  if (response.status === 201 && response.headers.get('idempotent-replayed') !== 'true') refreshCatalog();
  return response;
});

/** A new product's pages, listings and category pages show it on their next visit. */
function refreshCatalog(): void {
  try {
    revalidateCatalog();
  } catch {
    // Outside a Next request (route handlers called from tests) there is no cache to refresh.
  }
}

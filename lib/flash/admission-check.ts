/**
 * The rules of a flash sale at checkout. placeOrder checks admission before the
 * hot-item gate and both rules inside its transaction (enforceFlashSaleRules),
 * so every path that buys — the shop's checkout action and REST `POST /orders`,
 * with `items` or `from_cart` — obeys the same rules:
 * - while a sale is live (from a minute before its start, when its gate loads,
 *   to its end) its item is sold only to a shopper the waiting room let
 *   through: by the browser's signed admission cookie, or by the admission
 *   recorded for the user who joined the line (session or API key);
 * - a shopper holds at most the sale's `maxPerOrder` units of it over all of
 *   their orders placed during the sale that still count (not cancelled, not
 *   failed) — counted under a per-shopper lock, so concurrent orders cannot
 *   both fit in the same room.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { ApiError } from '@/lib/api/errors';
import type { StockLine } from '@/lib/inventory/reserve';
import { unitsInOpenOrders } from '@/lib/orders/open-units';
import { liveSales, SALE_LEAD_MS, type FlashSale } from './sales';
import { admissionCookie, hasAdmission, userHasAdmission } from './waiting-room';

/** What the request shows for itself: its cookies (a browser's admission). */
export type AdmissionProof = { cookie: (name: string) => string | undefined };

export const NO_COOKIES: AdmissionProof = { cookie: () => undefined };

type Purchase = { userId: string; lines: readonly StockLine[]; proof?: AdmissionProof };

/**
 * Admission alone, checked before the hot-item gate too: a caller who was not let through must not
 * take units from the gate even for a moment (a flood of them would tell real buyers "sold out").
 */
export async function requireFlashAdmission(db: DbOrTx, input: Purchase): Promise<void> {
  const sales = await liveSales(db);
  for (const line of input.lines) {
    const sale = sales.get(line.variantId);
    if (sale) await requireAdmission(sale, input.userId, input.proof ?? NO_COOKIES);
  }
}

/** Both rules, in the order's transaction; `lines` summed per variant (so in variant order). Throws 403 `admission_required` or 409 `purchase_limit_reached`. */
export async function enforceFlashSaleRules(tx: DbOrTx, input: Purchase): Promise<void> {
  await requireFlashAdmission(tx, input);
  const sales = await liveSales(tx);
  for (const line of input.lines.filter((l) => sales.has(l.variantId))) await holdWithinCap(tx, sales.get(line.variantId)!, input.userId, line.quantity);
}

async function requireAdmission(sale: FlashSale, userId: string, proof: AdmissionProof): Promise<void> {
  if (hasAdmission(sale.id, proof.cookie(admissionCookie(sale.id)))) return;
  if (await userHasAdmission(sale.id, userId)) return;
  const queue = `/queue/${sale.id}`;
  const line = `/api/flash/${sale.id}/line`;
  throw new ApiError(
    403,
    'admission_required',
    `“${sale.name}” is a flash sale: join the line to buy it — in the shop at ${queue}, or over the API with POST ${line} (then GET it until admitted).`,
    { sale_id: sale.id, item_id: sale.variantId, queue, line },
  );
}

/**
 * Locks the shopper's place in this sale (an advisory lock per sale and user, held to the end of the
 * transaction) and counts what they already hold. Taken after the cart row and before the promotion
 * and stock rows, in variant order (place-order.ts), so it never crosses another lock's order.
 */
async function holdWithinCap(tx: DbOrTx, sale: FlashSale, userId: string, quantity: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`flash-cap:${sale.id}:${userId}`}))`);
  const held = await unitsInOpenOrders(tx, userId, sale.variantId, new Date(sale.startsAt.getTime() - SALE_LEAD_MS));
  if (held + quantity <= sale.maxPerOrder) return;
  throw new ApiError(
    409,
    'purchase_limit_reached',
    `“${sale.name}” allows at most ${sale.maxPerOrder} per shopper, and you already have ${held} in open orders: order fewer, or cancel an unpaid order first.`,
    { sale_id: sale.id, item_id: sale.variantId, limit: sale.maxPerOrder, in_open_orders: held },
  );
}

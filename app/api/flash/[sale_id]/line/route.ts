import { cookies } from 'next/headers';
import { getDb } from '@/db/client';
import { notFound } from '@/lib/api/errors';
import { json, route } from '@/lib/api/http';
import { parseId } from '@/lib/api/ids';
import { lineView } from '@/lib/flash/line-api';
import { findFlashSale } from '@/lib/flash/sales';
import { newVisitor, readVisitor, VISITOR_COOKIE } from '@/lib/flash/visitor';
import { admissionCookie, issueAdmission, joinLine } from '@/lib/flash/waiting-room';
import { requestCookieOptions } from '@/lib/session/cookie-options';

type Context = { params: Promise<{ sale_id: string }> };

async function sale(context: Context) {
  const found = await findFlashSale(getDb(), parseId((await context.params).sale_id, 'sale_id'));
  if (!found) throw notFound('Flash sale');
  return found;
}

/** Joins the line (once per browser) and answers the visitor's place. */
export const POST = route<Context>(async (_request, context) => {
  const flash = await sale(context);
  const jar = await cookies();
  let visitor = readVisitor(jar.get(VISITOR_COOKIE)?.value);
  if (!visitor) {
    const fresh = newVisitor();
    jar.set(VISITOR_COOKIE, fresh.cookie, await requestCookieOptions(7 * 24 * 3600));
    visitor = fresh.id;
  }
  const view = await lineView(flash, await joinLine(flash, visitor));
  // Joining a sale that is already on, with room, lets the visitor straight through: admit them now,
  // or checkout would send them back to a line that says they are through.
  await admitIfThrough(flash.id, view);
  return json(view, 200, { 'cache-control': 'private, no-store' });
});

/** The visitor's place now; once through, the admission checkout asks for is set. */
export const GET = route<Context>(async (_request, context) => {
  const flash = await sale(context);
  const jar = await cookies();
  const visitor = readVisitor(jar.get(VISITOR_COOKIE)?.value);
  if (!visitor) return json({ error: { code: 'not_found', message: 'Join the line first' } }, 404);
  const view = await lineView(flash, await joinLine(flash, visitor));
  await admitIfThrough(flash.id, view);
  return json(view, 200, { 'cache-control': 'private, no-store' });
});

/** Once through (and the sale still on, not sold out), the admission checkout asks for is set. */
async function admitIfThrough(saleId: string, view: Awaited<ReturnType<typeof lineView>>): Promise<void> {
  if (!view.admitted || view.soldOut || view.ended) return;
  const admission = issueAdmission(saleId, view.ticket);
  (await cookies()).set(admissionCookie(saleId), admission.value, await requestCookieOptions(admission.maxAgeSeconds));
}

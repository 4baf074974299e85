import { cookies } from 'next/headers';
import { getDb } from '@/db/client';
import { resolveActor } from '@/lib/api/actor';
import { notFound } from '@/lib/api/errors';
import { json, route } from '@/lib/api/http';
import { parseId } from '@/lib/api/ids';
import { lineView } from '@/lib/flash/line-api';
import { findFlashSale } from '@/lib/flash/sales';
import { newVisitor, readVisitor, VISITOR_COOKIE } from '@/lib/flash/visitor';
import { admissionCookie, admitUser, issueAdmission, joinLine } from '@/lib/flash/waiting-room';
import { requestCookieOptions } from '@/lib/session/cookie-options';
import { getCurrentUser } from '@/lib/session/current-user';

type Context = { params: Promise<{ sale_id: string }> };

async function sale(context: Context) {
  const found = await findFlashSale(getDb(), parseId((await context.params).sale_id, 'sale_id'));
  if (!found) throw notFound('Flash sale');
  return found;
}

/** An API client (Authorization: Bearer) stands in line as its user: it keeps no cookies. 401 for a bad key. */
async function apiClientId(request: Request): Promise<string | null> {
  if (!request.headers.has('authorization')) return null;
  return (await resolveActor(request))?.id ?? null;
}

/** Joins the line (once per browser, or per user for an API key) and answers the place. */
export const POST = route<Context>(async (request, context) => {
  const flash = await sale(context);
  const userId = await apiClientId(request);
  let visitor = userId ? `user:${userId}` : readVisitor((await cookies()).get(VISITOR_COOKIE)?.value);
  if (!visitor) {
    const fresh = newVisitor();
    (await cookies()).set(VISITOR_COOKIE, fresh.cookie, await requestCookieOptions(7 * 24 * 3600));
    visitor = fresh.id;
  }
  const view = await lineView(flash, await joinLine(flash, visitor));
  // Joining a sale that is already on, with room, lets the visitor straight through: admit them now,
  // or checkout would send them back to a line that says they are through.
  await admitIfThrough(flash.id, view, userId);
  return json(view, 200, { 'cache-control': 'private, no-store' });
});

/** The place now; once through, the admission checkout asks for is given. */
export const GET = route<Context>(async (request, context) => {
  const flash = await sale(context);
  const userId = await apiClientId(request);
  const visitor = userId ? `user:${userId}` : readVisitor((await cookies()).get(VISITOR_COOKIE)?.value);
  if (!visitor) return json({ error: { code: 'not_found', message: 'Join the line first' } }, 404);
  const view = await lineView(flash, await joinLine(flash, visitor));
  await admitIfThrough(flash.id, view, userId);
  return json(view, 200, { 'cache-control': 'private, no-store' });
});

/**
 * Once through (and the sale still on, not sold out): the browser gets the signed admission cookie,
 * and the user — the API client, or the shopper signed in here — is admitted for REST checkout too.
 */
async function admitIfThrough(saleId: string, view: Awaited<ReturnType<typeof lineView>>, apiUserId: string | null): Promise<void> {
  if (!view.admitted || view.soldOut || view.ended) return;
  const admission = issueAdmission(saleId, view.ticket);
  (await cookies()).set(admissionCookie(saleId), admission.value, await requestCookieOptions(admission.maxAgeSeconds));
  const userId = apiUserId ?? (await getCurrentUser().catch(() => null))?.id;
  if (userId) await admitUser(saleId, userId);
}

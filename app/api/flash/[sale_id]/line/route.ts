import { cookies, headers } from 'next/headers';
import { getDb } from '@/db/client';
import { notFound } from '@/lib/api/errors';
import { json, route } from '@/lib/api/http';
import { parseId } from '@/lib/api/ids';
import { lineView } from '@/lib/flash/line-api';
import { findFlashSale } from '@/lib/flash/sales';
import { newVisitor, readVisitor, VISITOR_COOKIE } from '@/lib/flash/visitor';
import { admissionCookie, issueAdmission, joinLine } from '@/lib/flash/waiting-room';

type Context = { params: Promise<{ sale_id: string }> };

async function sale(context: Context) {
  const found = await findFlashSale(getDb(), parseId((await context.params).sale_id, 'sale_id'));
  if (!found) throw notFound('Flash sale');
  return found;
}

async function secure(): Promise<boolean> {
  return (await headers()).get('x-forwarded-proto') === 'https';
}

/** Joins the line (once per browser) and answers the visitor's place. */
export const POST = route<Context>(async (_request, context) => {
  const flash = await sale(context);
  const jar = await cookies();
  let visitor = readVisitor(jar.get(VISITOR_COOKIE)?.value);
  if (!visitor) {
    const fresh = newVisitor();
    jar.set(VISITOR_COOKIE, fresh.cookie, { httpOnly: true, sameSite: 'lax', secure: await secure(), path: '/', maxAge: 7 * 24 * 3600 });
    visitor = fresh.id;
  }
  const ticket = await joinLine(flash, visitor);
  return json(await lineView(flash, ticket));
});

/** The visitor's place now; once through, the admission checkout asks for is set. */
export const GET = route<Context>(async (_request, context) => {
  const flash = await sale(context);
  const jar = await cookies();
  const visitor = readVisitor(jar.get(VISITOR_COOKIE)?.value);
  if (!visitor) return json({ error: { code: 'not_found', message: 'Join the line first' } }, 404);
  const view = await lineView(flash, await joinLine(flash, visitor));
  if (view.admitted && !view.soldOut && !view.ended) {
    const admission = issueAdmission(flash.id, view.ticket);
    jar.set(admissionCookie(flash.id), admission.value, { httpOnly: true, sameSite: 'lax', secure: await secure(), path: '/', maxAge: admission.maxAgeSeconds });
  }
  return json(view, 200, { 'cache-control': 'private, no-store' });
});

import { getDb } from '@/db/client';
import { ownUserId, requireActor } from '@/lib/api/actor';
import { notFound } from '@/lib/api/errors';
import { json, route } from '@/lib/api/http';
import { findUserById } from '@/lib/auth/users';

type Context = { params: Promise<{ user_id: string }> };

export const GET = route<Context>(async (request, { params }) => {
  const actor = await requireActor(request);
  const user = await findUserById(getDb(), ownUserId(actor, (await params).user_id));
  if (!user) throw notFound('User');
  return json({ user_id: user.id, email: user.email, name: user.name, role: user.role });
});

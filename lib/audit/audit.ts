/** The audit trail: every change a merchant makes is recorded with who and when, in the same transaction. */
import { desc, eq, and, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { auditLog } from '@/db/schema';

export type AuditEntry = {
  actorUserId: string | null;
  /** What was done, e.g. "product.created", "inventory.adjusted", "order.shipped". */
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
};

export async function recordAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorUserId: entry.actorUserId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    data: entry.data ?? {},
  });
}

export async function auditTrail(db: DbOrTx, filter: { entityType?: string; entityId?: string; limit?: number } = {}) {
  const conditions: SQL[] = [];
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  return db
    .select()
    .from(auditLog)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(filter.limit ?? 100);
}

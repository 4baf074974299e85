import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { productVariants } from './catalog';
import { createdAt } from './columns';
import { users } from './users';

export const suppliers = pgTable('suppliers', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  email: text('email').notNull().default(''),
  phone: text('phone').notNull().default(''),
  createdAt: createdAt(),
});

export const warehouses = pgTable('warehouses', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  supplierId: uuid('supplier_id').references(() => suppliers.id, { onDelete: 'set null' }),
  isDefault: boolean('is_default').notNull().default(false),
  /** Lower ships first when stock is split across warehouses. */
  priority: integer('priority').notNull().default(0),
  createdAt: createdAt(),
});

/**
 * Stock per variant, warehouse and bucket. A hot variant's stock can be split
 * into several buckets so concurrent buyers lock different rows.
 * available = on_hand - reserved; the database refuses any other shape.
 */
export const inventoryLevels = pgTable(
  'inventory_levels',
  {
    variantId: uuid('variant_id')
      .notNull()
      .references(() => productVariants.id, { onDelete: 'cascade' }),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id, { onDelete: 'restrict' }),
    bucket: smallint('bucket').notNull().default(0),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.variantId, t.warehouseId, t.bucket] }),
    check('inventory_levels_on_hand_nonnegative', sql`${t.onHand} >= 0`),
    check('inventory_levels_reserved_range', sql`${t.reserved} >= 0 and ${t.reserved} <= ${t.onHand}`),
    check('inventory_levels_bucket_nonnegative', sql`${t.bucket} >= 0`),
    index('inventory_levels_warehouse_idx').on(t.warehouseId),
  ],
);

/** Audit trail of every stock change that is not a reservation (receipts, adjustments, sales). */
export const inventoryMovements = pgTable(
  'inventory_movements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => productVariants.id, { onDelete: 'cascade' }),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id, { onDelete: 'restrict' }),
    deltaOnHand: integer('delta_on_hand').notNull(),
    reason: text('reason').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    orderId: uuid('order_id'),
    createdAt: createdAt(),
  },
  (t) => [index('inventory_movements_variant_idx').on(t.variantId, t.createdAt)],
);

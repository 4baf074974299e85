-- The order archive (lib/orders/archive.ts): old final orders and every row that hangs off them
-- move here from public. Written by hand (drizzle-kit's schema filter is public). The tables
-- copy the live tables' columns, types, NOT NULL and CHECK constraints (LIKE), but no defaults
-- or identity: rows only ever arrive from the live tables, values included. Foreign keys between
-- archive tables are checked at commit, so the job can move children and parents in any order.
CREATE SCHEMA IF NOT EXISTS "archive";
--> statement-breakpoint
CREATE TABLE "archive"."orders" (LIKE "public"."orders" INCLUDING CONSTRAINTS);
--> statement-breakpoint
ALTER TABLE "archive"."orders"
  ADD CONSTRAINT "archive_orders_pkey" PRIMARY KEY ("id"),
  ADD CONSTRAINT "archive_orders_number_unique" UNIQUE ("number"),
  ADD CONSTRAINT "archive_orders_cart_id_unique" UNIQUE ("cart_id"),
  ADD CONSTRAINT "archive_orders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null,
  ADD CONSTRAINT "archive_orders_promotion_id_promotions_id_fk" FOREIGN KEY ("promotion_id") REFERENCES "public"."promotions"("id") ON DELETE set null;
--> statement-breakpoint
CREATE INDEX "archive_orders_user_created_idx" ON "archive"."orders" ("user_id", "created_at");
--> statement-breakpoint
CREATE INDEX "archive_orders_status_created_idx" ON "archive"."orders" ("status", "created_at");
--> statement-breakpoint
CREATE TABLE "archive"."order_items" (LIKE "public"."order_items" INCLUDING CONSTRAINTS);
--> statement-breakpoint
ALTER TABLE "archive"."order_items"
  ADD CONSTRAINT "archive_order_items_pkey" PRIMARY KEY ("id"),
  ADD CONSTRAINT "archive_order_items_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "archive"."orders"("id") ON DELETE cascade DEFERRABLE INITIALLY DEFERRED,
  ADD CONSTRAINT "archive_order_items_variant_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE restrict;
--> statement-breakpoint
CREATE INDEX "archive_order_items_order_idx" ON "archive"."order_items" ("order_id");
--> statement-breakpoint
CREATE INDEX "archive_order_items_variant_idx" ON "archive"."order_items" ("variant_id");
--> statement-breakpoint
CREATE TABLE "archive"."reservations" (LIKE "public"."reservations" INCLUDING CONSTRAINTS);
--> statement-breakpoint
ALTER TABLE "archive"."reservations"
  ADD CONSTRAINT "archive_reservations_pkey" PRIMARY KEY ("id"),
  ADD CONSTRAINT "archive_reservations_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "archive"."orders"("id") ON DELETE cascade DEFERRABLE INITIALLY DEFERRED,
  ADD CONSTRAINT "archive_reservations_variant_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE restrict,
  ADD CONSTRAINT "archive_reservations_warehouse_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE restrict,
  -- An active reservation holds stock: it belongs to a live order, never to the archive.
  ADD CONSTRAINT "archive_reservations_not_active" CHECK ("status" <> 'active');
--> statement-breakpoint
CREATE INDEX "archive_reservations_order_idx" ON "archive"."reservations" ("order_id");
--> statement-breakpoint
CREATE TABLE "archive"."payments" (LIKE "public"."payments" INCLUDING CONSTRAINTS);
--> statement-breakpoint
ALTER TABLE "archive"."payments"
  ADD CONSTRAINT "archive_payments_pkey" PRIMARY KEY ("id"),
  ADD CONSTRAINT "archive_payments_idempotency_key_unique" UNIQUE ("idempotency_key"),
  ADD CONSTRAINT "archive_payments_provider_payment_id_unique" UNIQUE ("provider_payment_id"),
  ADD CONSTRAINT "archive_payments_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "archive"."orders"("id") ON DELETE cascade DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
CREATE INDEX "archive_payments_order_idx" ON "archive"."payments" ("order_id");
--> statement-breakpoint
CREATE TABLE "archive"."refunds" (LIKE "public"."refunds" INCLUDING CONSTRAINTS);
--> statement-breakpoint
ALTER TABLE "archive"."refunds"
  ADD CONSTRAINT "archive_refunds_pkey" PRIMARY KEY ("id"),
  ADD CONSTRAINT "archive_refunds_idempotency_key_unique" UNIQUE ("idempotency_key"),
  ADD CONSTRAINT "archive_refunds_provider_refund_id_unique" UNIQUE ("provider_refund_id"),
  ADD CONSTRAINT "archive_refunds_payment_id_fk" FOREIGN KEY ("payment_id") REFERENCES "archive"."payments"("id") ON DELETE cascade DEFERRABLE INITIALLY DEFERRED,
  ADD CONSTRAINT "archive_refunds_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "archive"."orders"("id") ON DELETE cascade DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
CREATE INDEX "archive_refunds_order_idx" ON "archive"."refunds" ("order_id");
--> statement-breakpoint
CREATE TABLE "archive"."order_events" (LIKE "public"."order_events" INCLUDING CONSTRAINTS);
--> statement-breakpoint
ALTER TABLE "archive"."order_events"
  ADD CONSTRAINT "archive_order_events_pkey" PRIMARY KEY ("id"),
  ADD CONSTRAINT "archive_order_events_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "archive"."orders"("id") ON DELETE cascade DEFERRABLE INITIALLY DEFERRED,
  ADD CONSTRAINT "archive_order_events_actor_user_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null;
--> statement-breakpoint
CREATE INDEX "archive_order_events_order_idx" ON "archive"."order_events" ("order_id", "id");
--> statement-breakpoint
CREATE TABLE "archive"."shipments" (LIKE "public"."shipments" INCLUDING CONSTRAINTS);
--> statement-breakpoint
ALTER TABLE "archive"."shipments"
  ADD CONSTRAINT "archive_shipments_pkey" PRIMARY KEY ("id"),
  ADD CONSTRAINT "archive_shipments_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "archive"."orders"("id") ON DELETE cascade DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
CREATE INDEX "archive_shipments_order_idx" ON "archive"."shipments" ("order_id");
--> statement-breakpoint
-- Live and archived rows together, for reads (lib/orders/view.ts, admin-orders.ts, analytics).
-- An order is in exactly one of the two at any committed moment, so union all never doubles it.
-- The column lists are expanded now: a column added to a live table later must be added to its
-- archive table and these views in the same migration (lib/orders/archive.test.ts checks), and
-- changing a column type means dropping and re-creating the view around it.
CREATE VIEW "public"."all_orders" AS
  SELECT o.*, false AS "archived" FROM "public"."orders" o
  UNION ALL
  SELECT a.*, true AS "archived" FROM "archive"."orders" a;
--> statement-breakpoint
CREATE VIEW "public"."all_order_items" AS
  SELECT * FROM "public"."order_items" UNION ALL SELECT * FROM "archive"."order_items";
--> statement-breakpoint
CREATE VIEW "public"."all_reservations" AS
  SELECT * FROM "public"."reservations" UNION ALL SELECT * FROM "archive"."reservations";
--> statement-breakpoint
CREATE VIEW "public"."all_payments" AS
  SELECT * FROM "public"."payments" UNION ALL SELECT * FROM "archive"."payments";
--> statement-breakpoint
CREATE VIEW "public"."all_refunds" AS
  SELECT * FROM "public"."refunds" UNION ALL SELECT * FROM "archive"."refunds";
--> statement-breakpoint
CREATE VIEW "public"."all_order_events" AS
  SELECT * FROM "public"."order_events" UNION ALL SELECT * FROM "archive"."order_events";
--> statement-breakpoint
CREATE VIEW "public"."all_shipments" AS
  SELECT * FROM "public"."shipments" UNION ALL SELECT * FROM "archive"."shipments";

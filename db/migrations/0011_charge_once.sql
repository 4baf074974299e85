-- Issue 17, charge once: a payment row is one attempt, naming its Checkout Session and its
-- PaymentIntent in their own columns, with what was captured and what went back; at most one
-- succeeded payment per order (a partial unique index); refunds never exceed the capture (a CHECK on
-- the row, kept by whoever records a refund under the payment's row lock).
ALTER TABLE "payments" ADD COLUMN "checkout_session_id" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "payment_intent_id" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "captured_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "refunded_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "payments" SET
  "payment_intent_id" = CASE WHEN "provider_payment_id" LIKE 'pi\_%' THEN "provider_payment_id" END,
  "checkout_session_id" = CASE WHEN "provider_payment_id" LIKE 'cs\_%' THEN "provider_payment_id" END,
  "captured_cents" = CASE WHEN "status" IN ('succeeded', 'refunded') THEN "amount_cents" ELSE 0 END,
  "refunded_cents" = CASE WHEN "status" = 'refunded' THEN "amount_cents" ELSE 0 END;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_one_succeeded_per_order" ON "payments" USING btree ("order_id") WHERE "payments"."status" = 'succeeded';--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_checkout_session_id_unique" UNIQUE("checkout_session_id");--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_payment_intent_id_unique" UNIQUE("payment_intent_id");--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_refunded_within_captured" CHECK ("payments"."refunded_cents" >= 0 and "payments"."refunded_cents" <= "payments"."captured_cents");--> statement-breakpoint
-- The archive keeps the live columns (migration 0009): the same columns, in the same order, and the view again.
ALTER TABLE "archive"."payments"
  ADD COLUMN "checkout_session_id" text,
  ADD COLUMN "payment_intent_id" text,
  ADD COLUMN "captured_cents" integer NOT NULL DEFAULT 0,
  ADD COLUMN "refunded_cents" integer NOT NULL DEFAULT 0;
--> statement-breakpoint
UPDATE "archive"."payments" SET
  "payment_intent_id" = CASE WHEN "provider_payment_id" LIKE 'pi\_%' THEN "provider_payment_id" END,
  "checkout_session_id" = CASE WHEN "provider_payment_id" LIKE 'cs\_%' THEN "provider_payment_id" END,
  "captured_cents" = CASE WHEN "status" IN ('succeeded', 'refunded') THEN "amount_cents" ELSE 0 END,
  "refunded_cents" = CASE WHEN "status" = 'refunded' THEN "amount_cents" ELSE 0 END;
--> statement-breakpoint
ALTER TABLE "archive"."payments"
  ALTER COLUMN "captured_cents" DROP DEFAULT,
  ALTER COLUMN "refunded_cents" DROP DEFAULT,
  ADD CONSTRAINT "payments_refunded_within_captured" CHECK ("refunded_cents" >= 0 and "refunded_cents" <= "captured_cents");
--> statement-breakpoint
CREATE OR REPLACE VIEW "public"."all_payments" AS
  SELECT * FROM "public"."payments" UNION ALL SELECT * FROM "archive"."payments";

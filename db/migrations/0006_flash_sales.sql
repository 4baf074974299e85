CREATE TABLE "flash_sales" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"variant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"admit_per_second" integer NOT NULL,
	"max_per_order" integer DEFAULT 1 NOT NULL,
	"buckets" smallint DEFAULT 8 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flash_sales_window" CHECK ("flash_sales"."ends_at" > "flash_sales"."starts_at"),
	CONSTRAINT "flash_sales_rate" CHECK ("flash_sales"."admit_per_second" between 1 and 100000),
	CONSTRAINT "flash_sales_max_per_order" CHECK ("flash_sales"."max_per_order" between 1 and 100),
	CONSTRAINT "flash_sales_buckets" CHECK ("flash_sales"."buckets" between 1 and 64)
);
--> statement-breakpoint
ALTER TABLE "flash_sales" ADD CONSTRAINT "flash_sales_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_sales" ADD CONSTRAINT "flash_sales_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "flash_sales_variant_window_idx" ON "flash_sales" USING btree ("variant_id","starts_at","ends_at");
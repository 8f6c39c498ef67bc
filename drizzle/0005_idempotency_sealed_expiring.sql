-- Records from before this migration hold first responses (some with secrets) in plaintext and have no
-- expiry: they are dropped. At most 24 h of replay protection is lost once, at upgrade.
DELETE FROM "idempotency_keys";--> statement-breakpoint
DROP INDEX "idempotency_keys_created_idx";--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "response_sealed" text;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "expires_at" timestamp with time zone NOT NULL;--> statement-breakpoint
CREATE INDEX "idempotency_keys_expires_idx" ON "idempotency_keys" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "idempotency_keys" DROP COLUMN "response_body";
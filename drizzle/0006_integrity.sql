-- Rows left behind by deletes before these foreign keys existed: a deleted review's revisions and
-- page mappings go (cascade from now on); delivery logs keep their row without the review; references
-- to API keys that no longer exist are cleared.
DELETE FROM "revisions" r WHERE NOT EXISTS (SELECT 1 FROM "reviews" v WHERE v."id" = r."review_id");--> statement-breakpoint
DELETE FROM "integration_pages" p WHERE NOT EXISTS (SELECT 1 FROM "reviews" v WHERE v."id" = p."review_id");--> statement-breakpoint
UPDATE "deliveries" d SET "review_id" = NULL WHERE "review_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "reviews" v WHERE v."id" = d."review_id");--> statement-breakpoint
UPDATE "revisions" r SET "actor_key_id" = NULL WHERE "actor_key_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "api_keys" k WHERE k."id" = r."actor_key_id");--> statement-breakpoint
UPDATE "publications" p SET "published_by" = NULL WHERE "published_by" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "api_keys" k WHERE k."id" = p."published_by");--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_pages" ADD CONSTRAINT "integration_pages_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_published_by_api_keys_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_actor_key_id_api_keys_id_fk" FOREIGN KEY ("actor_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_status_check" CHECK ("deliveries"."status" in ('pending', 'retrying', 'succeeded', 'failed', 'dead'));--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_target_kind_check" CHECK ("deliveries"."target_kind" in ('integration', 'webhook'));--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_outcome_check" CHECK ("delivery_attempts"."outcome" in ('succeeded', 'retry', 'failed', 'dead'));--> statement-breakpoint
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_kind_check" CHECK ("integrations"."kind" in ('confluence-cloud', 'confluence-dc', 'notion'));--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_status_check" CHECK ("action_items"."status" in ('open', 'in_progress', 'done', 'wont_do'));--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_priority_check" CHECK ("action_items"."priority" in ('low', 'medium', 'high', 'critical'));--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_type_check" CHECK ("action_items"."type" in ('prevent', 'detect', 'mitigate', 'process'));--> statement-breakpoint
ALTER TABLE "contributing_factors" ADD CONSTRAINT "contributing_factors_category_check" CHECK ("contributing_factors"."category" in ('process', 'tooling', 'communication', 'change', 'capacity', 'dependency', 'knowledge', 'environment', 'other'));--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_kind_check" CHECK ("timeline_events"."kind" in ('detection', 'diagnosis', 'repair', 'key_moment', 'communication', 'other'));--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_status_check" CHECK ("reviews"."status" in ('draft', 'in_review', 'published'));--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_severity_check" CHECK (char_length("reviews"."severity") between 1 and 32);
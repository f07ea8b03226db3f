ALTER TABLE `actions` ADD `kind` text DEFAULT 'task' NOT NULL;--> statement-breakpoint
ALTER TABLE `actions` ADD `priority` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `closed_at` integer;--> statement-breakpoint
ALTER TABLE `actions` ADD `closed_by` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `drop_reason` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `source_ts` text;--> statement-breakpoint
CREATE INDEX `actions_owner` ON `actions` (`owner_id`,`status`);
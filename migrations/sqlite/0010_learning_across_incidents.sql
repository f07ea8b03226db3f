CREATE TABLE `incident_relations` (
	`incident_id` integer NOT NULL,
	`related_id` integer NOT NULL,
	`reasons` text NOT NULL,
	`score` integer NOT NULL,
	`found_at` integer NOT NULL,
	`posted_ts` text,
	PRIMARY KEY(`incident_id`, `related_id`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`related_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `incident_tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`source` text NOT NULL,
	`added_by` text,
	`added_at` integer NOT NULL,
	`removed_at` integer,
	`removed_by` text,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incident_tags_unique` ON `incident_tags` (`incident_id`,`key`,`value`);--> statement-breakpoint
CREATE INDEX `incident_tags_key_value` ON `incident_tags` (`key`,`value`);--> statement-breakpoint
CREATE TABLE `prevention_matches` (
	`incident_id` integer NOT NULL,
	`action_id` integer NOT NULL,
	`found_at` integer NOT NULL,
	PRIMARY KEY(`incident_id`, `action_id`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `weekly_reviews` (
	`week` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`posted_ts` text NOT NULL,
	`posted_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `actions` ADD `purpose` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `category` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `postmortem_state` text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE `incidents` ADD `postmortem_state_at` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `postmortem_state_by` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `postmortem_skip_reason` text;
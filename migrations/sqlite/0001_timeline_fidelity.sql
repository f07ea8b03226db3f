CREATE TABLE `alert_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`channel_id` text NOT NULL,
	`message_ts` text NOT NULL,
	`at` integer NOT NULL,
	`source` text NOT NULL,
	`name` text NOT NULL,
	`state` text NOT NULL,
	`title` text NOT NULL,
	`severity` text,
	`fired_at` integer,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alert_changes_unique` ON `alert_changes` (`channel_id`,`message_ts`,`at`);--> statement-breakpoint
CREATE INDEX `alert_changes_incident` ON `alert_changes` (`incident_id`,`at`);--> statement-breakpoint
CREATE TABLE `key_marks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` text NOT NULL,
	`ts` text NOT NULL,
	`kind` text NOT NULL,
	`user_id` text NOT NULL,
	`marked_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `key_marks_unique` ON `key_marks` (`channel_id`,`ts`,`kind`,`user_id`);--> statement-breakpoint
CREATE TABLE `webhook_alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`source` text NOT NULL,
	`fingerprint` text NOT NULL,
	`name` text NOT NULL,
	`state` text NOT NULL,
	`severity` text,
	`starts_at` integer,
	`ends_at` integer,
	`summary` text NOT NULL,
	`url` text,
	`received_at` integer NOT NULL,
	`raw` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_alerts_unique` ON `webhook_alerts` (`incident_id`,`fingerprint`,`state`,`starts_at`);--> statement-breakpoint
CREATE INDEX `webhook_alerts_incident` ON `webhook_alerts` (`incident_id`,`received_at`);--> statement-breakpoint
ALTER TABLE `incident_events` ADD `value_at` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `alert_source` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `alert_name` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `alert_severity` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `alert_fired_at` integer;
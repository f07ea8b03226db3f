CREATE TABLE `sections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`author_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sections_incident` ON `sections` (`incident_id`,`at`);--> statement-breakpoint
ALTER TABLE `incidents` ADD `channel_name` text;--> statement-breakpoint
ALTER TABLE `postmortems` ADD `next_attempt_at` integer;--> statement-breakpoint
ALTER TABLE `postmortems` ADD `file_id` text;--> statement-breakpoint
ALTER TABLE `postmortems` ADD `file_permalink` text;
CREATE TABLE `action_issues` (
	`action_id` integer PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`url` text NOT NULL,
	`state` text NOT NULL,
	`created_at` integer NOT NULL,
	`checked_at` integer,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `action_issues_state` ON `action_issues` (`state`);
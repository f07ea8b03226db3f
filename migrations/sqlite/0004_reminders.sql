CREATE TABLE `action_reminders` (
	`action_id` integer PRIMARY KEY NOT NULL,
	`last_reminded_at` integer,
	`snoozed_until` integer,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `reminder_dms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`owner_id` text NOT NULL,
	`day` text NOT NULL,
	`channel_id` text NOT NULL,
	`ts` text NOT NULL,
	`sent_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reminder_dms_owner_day` ON `reminder_dms` (`owner_id`,`day`);
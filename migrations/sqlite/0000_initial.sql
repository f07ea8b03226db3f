CREATE TABLE `actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`text` text NOT NULL,
	`owner_id` text,
	`due_date` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`status` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `actions_incident` ON `actions` (`incident_id`);--> statement-breakpoint
CREATE TABLE `incident_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`text` text,
	`subject_id` text,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incident_events_incident` ON `incident_events` (`incident_id`,`at`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` text NOT NULL,
	`title` text NOT NULL,
	`severity` text NOT NULL,
	`status` text NOT NULL,
	`reporter_id` text NOT NULL,
	`lead_id` text,
	`declared_at` integer NOT NULL,
	`mitigated_at` integer,
	`resolved_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incidents_one_open_per_channel` ON `incidents` (`channel_id`) WHERE "incidents"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX `incidents_channel` ON `incidents` (`channel_id`,`declared_at`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`channel_id` text NOT NULL,
	`ts` text NOT NULL,
	`thread_ts` text,
	`posted_at` integer NOT NULL,
	`user_id` text,
	`bot_id` text,
	`bot_name` text,
	`is_bot` integer NOT NULL,
	`subtype` text,
	`text` text NOT NULL,
	`edited_at` integer,
	`deleted_at` integer,
	`alert_state` text,
	`alert_title` text,
	`raw` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_channel_ts` ON `messages` (`channel_id`,`ts`);--> statement-breakpoint
CREATE INDEX `messages_incident` ON `messages` (`incident_id`,`posted_at`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`tz` text,
	`fetched_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `postmortems` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`markdown` text NOT NULL,
	`created_at` integer NOT NULL,
	`status` text NOT NULL,
	`posted_ts` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `postmortems_incident` ON `postmortems` (`incident_id`);--> statement-breakpoint
CREATE TABLE `processed_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `processed_events_received` ON `processed_events` (`received_at`);
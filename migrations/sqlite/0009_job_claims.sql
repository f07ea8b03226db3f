CREATE TABLE `job_claims` (
	`key` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL,
	`lapsed_holder` text
);
--> statement-breakpoint
CREATE INDEX `job_claims_holder` ON `job_claims` (`holder`);
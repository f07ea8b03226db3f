CREATE TABLE `postmortem_documents` (
	`postmortem_id` integer NOT NULL,
	`part` integer NOT NULL,
	`markdown` text NOT NULL,
	PRIMARY KEY(`postmortem_id`, `part`),
	FOREIGN KEY (`postmortem_id`) REFERENCES `postmortems`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Keep every stored draft: its Markdown becomes part 0 of its document before the column goes.
INSERT INTO `postmortem_documents` (`postmortem_id`, `part`, `markdown`) SELECT `id`, 0, `markdown` FROM `postmortems`;--> statement-breakpoint
ALTER TABLE `postmortems` DROP COLUMN `markdown`;
-- Full-text search over what describes an incident, for related incidents (docs/related-incidents.md):
-- its title, and what people wrote for its post-mortem (sections), one row per incident, rowid = id.
-- Triggers keep it in step with every write, whoever writes (the bot, an import, scribe copy).
CREATE VIRTUAL TABLE `incident_search` USING fts5(`title`, `body`, tokenize = 'porter unicode61');
--> statement-breakpoint
INSERT INTO `incident_search` (`rowid`, `title`, `body`)
	SELECT `id`, `title`,
		coalesce((SELECT group_concat(`text`, ' ') FROM `sections` WHERE `sections`.`incident_id` = `incidents`.`id`), '')
	FROM `incidents`;
--> statement-breakpoint
CREATE TRIGGER `incident_search_insert` AFTER INSERT ON `incidents` BEGIN
	INSERT INTO `incident_search` (`rowid`, `title`, `body`) VALUES (new.`id`, new.`title`, '');
END;
--> statement-breakpoint
CREATE TRIGGER `incident_search_title` AFTER UPDATE OF `title` ON `incidents` BEGIN
	UPDATE `incident_search` SET `title` = new.`title` WHERE `rowid` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `incident_search_delete` AFTER DELETE ON `incidents` BEGIN
	DELETE FROM `incident_search` WHERE `rowid` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `incident_search_section` AFTER INSERT ON `sections` BEGIN
	UPDATE `incident_search` SET `body` = `body` || ' ' || new.`text` WHERE `rowid` = new.`incident_id`;
END;

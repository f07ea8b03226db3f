-- Full-text search over the messages of incidents, for the incident library's search box
-- (docs/site.md, "How search works"). An external-content FTS5 table: the words are indexed, the
-- text itself stays in `messages` only. Triggers keep it in step with every write, whoever writes
-- (the bot, an import, scribe copy); a message marked deleted keeps its entry and is left out
-- when searching, by its `deleted_at`.
CREATE VIRTUAL TABLE `message_search` USING fts5(`text`, content = 'messages', content_rowid = 'id', tokenize = 'porter unicode61');
--> statement-breakpoint
INSERT INTO `message_search` (`message_search`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `message_search_insert` AFTER INSERT ON `messages` BEGIN
	INSERT INTO `message_search` (`rowid`, `text`) VALUES (new.`id`, new.`text`);
END;
--> statement-breakpoint
CREATE TRIGGER `message_search_text` AFTER UPDATE OF `text` ON `messages` BEGIN
	INSERT INTO `message_search` (`message_search`, `rowid`, `text`) VALUES ('delete', old.`id`, old.`text`);
	INSERT INTO `message_search` (`rowid`, `text`) VALUES (new.`id`, new.`text`);
END;
--> statement-breakpoint
CREATE TRIGGER `message_search_delete` AFTER DELETE ON `messages` BEGIN
	INSERT INTO `message_search` (`message_search`, `rowid`, `text`) VALUES ('delete', old.`id`, old.`text`);
END;

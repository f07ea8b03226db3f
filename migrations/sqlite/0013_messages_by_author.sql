-- The people of an incident (authorsOf, before each draft is composed) read from this index alone,
-- instead of every row of the incident: a 50,000-message incident's scan blocked the event loop.
CREATE INDEX `messages_incident_user` ON `messages` (`incident_id`,`user_id`);

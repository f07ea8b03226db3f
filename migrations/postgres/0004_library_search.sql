-- Full-text search over the messages of incidents, for the incident library's search box
-- (docs/site.md, "How search works"): a GIN index over the very expression the search uses, as
-- 0003 does for titles and sections, so no search column has to be kept in step with writes.
CREATE INDEX "messages_search" ON "messages" USING gin (to_tsvector('english', "text"));

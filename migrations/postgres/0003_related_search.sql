-- Full-text search for related incidents (docs/related-incidents.md): GIN indexes over the very
-- expressions the search uses, so no search column has to be kept in step with writes.
CREATE INDEX "incidents_search" ON "incidents" USING gin (to_tsvector('english', "title"));
--> statement-breakpoint
CREATE INDEX "sections_search" ON "sections" USING gin (to_tsvector('english', "text"));

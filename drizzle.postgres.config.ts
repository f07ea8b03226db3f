import { defineConfig } from 'drizzle-kit';

// The PostgreSQL twin of drizzle.config.ts: its own schema file and migrations folder.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/postgres/schema.ts',
  out: './migrations/postgres',
});

// Prisma CLI configuration. The CLI is used only for `prisma generate` here: migrations are
// applied by prisma/migrator.ts because the native schema engine cannot be downloaded offline.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/hotline' },
});

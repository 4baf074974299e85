/**
 * Runs before each test file: gives the file its own seeded database and
 * points DATABASE_URL (and so getDb()) at it, so files never share state.
 */
import { afterAll } from 'vitest';
import { closeDb } from '@/db/client';
import { createTestDatabase } from './db';

process.env.AUTH_SECRET ??= 'stockwise-test-secret-not-for-production';

const database = await createTestDatabase('seeded');
process.env.DATABASE_URL = database.url;

afterAll(async () => {
  await closeDb();
  await database.drop();
});

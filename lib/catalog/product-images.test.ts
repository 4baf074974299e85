import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { productImages } from '@/db/schema';
import type { AuthUser } from '@/lib/auth/users';
import { GET } from '@/app/media/uploads/[file]/route';
import { deleteProductImage, MAX_IMAGE_BYTES, readUpload, sniffImage, uploadProductImage } from './product-images';

const dir = await mkdtemp(path.join(tmpdir(), 'stockwise-uploads-'));
process.env.STOCKWISE_UPLOADS_DIR = dir;
afterAll(() => rm(dir, { recursive: true, force: true }));

const db = getDb();
const userOf = async (email: string): Promise<AuthUser> => (await db.execute<AuthUser>(sql`select id, email, name, role from users where email = ${email}`))[0]!;
const merchant = await userOf('merchant@example.com');
const shopper = await userOf('shopper@example.com');
const [product] = await db.execute<{ id: string }>(sql`select id from products order by slug limit 1`);
const productId = product!.id;

// A real 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const serve = (file: string) => GET(new Request(`http://localhost/media/uploads/${file}`), { params: Promise.resolve({ file }) });

describe('sniffImage', () => {
  it('knows PNG, JPEG, WebP and GIF by their bytes, and nothing else', () => {
    expect(sniffImage(PNG)?.contentType).toBe('image/png');
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))?.contentType).toBe('image/jpeg');
    expect(sniffImage(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))?.contentType).toBe('image/webp');
    expect(sniffImage(Buffer.from('GIF89a\x01\x00', 'latin1'))?.contentType).toBe('image/gif');
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(sniffImage(Buffer.from('<html>not a png</html>'))).toBeNull();
    expect(sniffImage(new Uint8Array())).toBeNull();
  });
});

describe('uploadProductImage', () => {
  it('stores the file under a random name, records the row and serves it with its type', async () => {
    const image = await uploadProductImage(db, merchant, { productId, bytes: PNG, alt: 'Front view' });
    expect(image.url).toMatch(/^\/media\/uploads\/[0-9a-f]{32}\.png$/);
    const [row] = await db.select().from(productImages).where(eq(productImages.id, image.id));
    expect(row).toMatchObject({ productId, url: image.url, alt: 'Front view' });
    const file = image.url.split('/').pop()!;
    expect(await readdir(dir)).toContain(file);
    const response = await serve(file);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);

    await deleteProductImage(db, merchant, image.id);
    expect(await db.select().from(productImages).where(eq(productImages.id, image.id))).toEqual([]);
    expect(await readdir(dir)).not.toContain(file);
    expect((await serve(file)).status).toBe(404);
  });

  it('refuses what is not an image, too big, for a customer, or for no product, and keeps no file', async () => {
    const before = await readdir(dir);
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    await expect(uploadProductImage(db, merchant, { productId, bytes: html })).rejects.toMatchObject({ status: 400, details: { fields: { file: expect.stringMatching(/PNG, JPEG, WebP or GIF/) } } });
    const huge = Buffer.concat([PNG, Buffer.alloc(MAX_IMAGE_BYTES)]);
    await expect(uploadProductImage(db, merchant, { productId, bytes: huge })).rejects.toMatchObject({ status: 400, details: { fields: { file: expect.stringMatching(/at most 5 MB/) } } });
    await expect(uploadProductImage(db, shopper, { productId, bytes: PNG })).rejects.toMatchObject({ status: 403 });
    await expect(uploadProductImage(db, merchant, { productId: '00000000-0000-4000-8000-000000000000', bytes: PNG })).rejects.toMatchObject({ status: 404 });
    await expect(uploadProductImage(db, merchant, { productId: 'nope', bytes: PNG })).rejects.toMatchObject({ status: 400 });
    expect(await readdir(dir)).toEqual(before);
  });

  it('serves only its own file names', async () => {
    for (const name of ['../../etc/passwd', '..%2F..%2Fauth-secret', 'x.png', `${'a'.repeat(32)}.svg`, `${'a'.repeat(32)}.png`]) {
      expect((await serve(name)).status).toBe(404);
      expect(await readUpload(name)).toBeNull();
    }
  });
});

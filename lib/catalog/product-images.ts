/**
 * Product photos uploaded by merchants. Files are checked by their content
 * (PNG, JPEG, WebP or GIF magic bytes; never SVG or anything a browser could
 * run), at most 5 MB, stored under `.data/uploads/` (STOCKWISE_UPLOADS_DIR)
 * with random names, and served by /media/uploads/<file> with the type their
 * bytes prove. Each upload is a product_images row, audited and announced.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type DbOrTx } from '@/db/client';
import { productImages, productVariants, products } from '@/db/schema';
import { invalidField, notFound, parseInput } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/audit';
import { assertStaff } from '@/lib/auth/authorize';
import { emit } from '@/lib/events/outbox';
import type { Actor } from './admin-products';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_IMAGES_PER_PRODUCT = 20;
export const UPLOADS_URL_PREFIX = '/media/uploads/';

export type ImageKind = { ext: 'png' | 'jpg' | 'webp' | 'gif'; contentType: string };

const KINDS: Record<ImageKind['ext'], ImageKind> = {
  png: { ext: 'png', contentType: 'image/png' },
  jpg: { ext: 'jpg', contentType: 'image/jpeg' },
  webp: { ext: 'webp', contentType: 'image/webp' },
  gif: { ext: 'gif', contentType: 'image/gif' },
};

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** What the bytes are, from their magic numbers (the name and the browser's claimed type are not trusted). */
export function sniffImage(bytes: Uint8Array): ImageKind | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return KINDS.png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return KINDS.jpg;
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return KINDS.webp;
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return KINDS.gif;
  return null;
}

export function uploadsDir(): string {
  return path.resolve(process.env.STOCKWISE_UPLOADS_DIR || path.join(process.cwd(), '.data', 'uploads'));
}

/** Upload names are ours alone: 32 hex characters and a known extension (nothing else can be asked for). */
const FILE_NAME = /^[0-9a-f]{32}\.(png|jpg|webp|gif)$/;

export function isUploadName(name: string): boolean {
  return FILE_NAME.test(name);
}

/** An uploaded file's bytes and type, or null when there is no such upload. */
export async function readUpload(name: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  const match = FILE_NAME.exec(name);
  if (!match) return null;
  try {
    const bytes = await readFile(path.join(uploadsDir(), name));
    const kind = sniffImage(bytes);
    if (!kind || kind.ext !== match[1]) return null;
    return { bytes, contentType: kind.contentType };
  } catch {
    return null;
  }
}

const uploadSchema = z.strictObject({
  productId: z.uuid({ error: 'must be a product id' }),
  alt: z.string({ error: 'must be text' }).trim().max(200, { error: 'must be at most 200 characters' }).default(''),
  /** Set when the photo shows one colour of the product. */
  variantColor: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((v) => v || null),
});

export type UploadedImage = { id: string; url: string; alt: string; position: number };

/** Stores a photo for a product and adds it after the product's other images. */
export async function uploadProductImage(db: DbOrTx, actor: Actor, input: { bytes: Uint8Array; productId: unknown; alt?: unknown; variantColor?: unknown }): Promise<UploadedImage> {
  assertStaff(actor);
  const data = parseInput(uploadSchema, { productId: input.productId, alt: input.alt ?? undefined, variantColor: input.variantColor ?? undefined });
  const bytes = input.bytes;
  if (bytes.byteLength === 0) throw invalidField('file', 'choose an image to upload');
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw invalidField('file', `is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB: images can be at most 5 MB`);
  const kind = sniffImage(bytes);
  if (!kind) throw invalidField('file', 'is not a PNG, JPEG, WebP or GIF image');

  const name = `${randomBytes(16).toString('hex')}.${kind.ext}`;
  const dir = uploadsDir();
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, name);
  // Written under a temporary name and renamed, so the route never serves half a file.
  const temporary = `${target}.part`;
  await writeFile(temporary, bytes, { flag: 'wx' });
  await rename(temporary, target);
  try {
    return await inTransaction(db, async (tx) => {
      const [product] = await tx.select({ id: products.id, name: products.name }).from(products).where(eq(products.id, data.productId)).for('no key update');
      if (!product) throw notFound('Product');
      const [{ count, next } = { count: 0, next: 0 }] = await tx
        .select({ count: sql<number>`count(*)::int`, next: sql<number>`coalesce(max(${productImages.position}) + 1, 0)::int` })
        .from(productImages)
        .where(eq(productImages.productId, product.id));
      if (count >= MAX_IMAGES_PER_PRODUCT) throw invalidField('file', `a product can have at most ${MAX_IMAGES_PER_PRODUCT} images: delete one first`);
      const url = `${UPLOADS_URL_PREFIX}${name}`;
      const alt = data.alt || product.name;
      const [row] = await tx
        .insert(productImages)
        .values({ productId: product.id, url, alt, variantColor: data.variantColor, position: next })
        .returning({ id: productImages.id, position: productImages.position });
      await tx.update(products).set({ updatedAt: sql`now()` }).where(eq(products.id, product.id));
      await recordAudit(tx, {
        actorUserId: actor.id,
        action: 'product.image_added',
        entityType: 'product',
        entityId: product.id,
        data: { imageId: row!.id, url, bytes: bytes.byteLength, type: kind.contentType },
      });
      await announceProduct(tx, product.id);
      return { id: row!.id, url, alt, position: row!.position };
    });
  } catch (error) {
    await unlink(target).catch(() => {});
    throw error;
  }
}

/** Removes an image from its product (and its file, when it was an upload). */
export async function deleteProductImage(db: DbOrTx, actor: Actor, imageId: unknown): Promise<{ productId: string }> {
  assertStaff(actor);
  const id = parseInput(z.uuid({ error: 'must be an image id' }), imageId, 'imageId');
  const removed = await inTransaction(db, async (tx) => {
    const [image] = await tx.select().from(productImages).where(eq(productImages.id, id));
    if (!image) throw notFound('Image');
    await tx.select({ id: products.id }).from(products).where(eq(products.id, image.productId)).for('no key update');
    await tx.delete(productImages).where(and(eq(productImages.id, id), eq(productImages.productId, image.productId)));
    await tx.update(products).set({ updatedAt: sql`now()` }).where(eq(products.id, image.productId));
    await recordAudit(tx, { actorUserId: actor.id, action: 'product.image_removed', entityType: 'product', entityId: image.productId, data: { imageId: id, url: image.url } });
    await announceProduct(tx, image.productId);
    return image;
  });
  // The file goes only once the row is gone for good.
  if (removed.url.startsWith(UPLOADS_URL_PREFIX)) {
    const name = removed.url.slice(UPLOADS_URL_PREFIX.length);
    if (isUploadName(name)) await unlink(path.join(uploadsDir(), name)).catch(() => {});
  }
  return { productId: removed.productId };
}

/** Listings and search show a product's first image: they follow through `inventory.changed`; everyone else hears `product.updated`. */
async function announceProduct(tx: DbOrTx, productId: string): Promise<void> {
  const ids = (await tx.select({ id: productVariants.id }).from(productVariants).where(eq(productVariants.productId, productId))).map((v) => v.id);
  if (ids.length > 0) await emit(tx, { type: 'inventory.changed', variantIds: ids });
  await emit(tx, { type: 'product.updated', productId, changes: ['images'] });
}

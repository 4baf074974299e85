import { readUpload } from '@/lib/catalog/product-images';

type Context = { params: Promise<{ file: string }> };

/**
 * Product photos merchants uploaded (lib/catalog/product-images.ts): only our
 * own random file names, served with the type their bytes prove, never sniffed
 * or run by the browser. Names are never reused, so they cache forever.
 */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const upload = await readUpload((await params).file);
  if (!upload) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });
  return new Response(new Uint8Array(upload.bytes), {
    headers: {
      'content-type': upload.contentType,
      'content-length': String(upload.bytes.byteLength),
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'content-disposition': 'inline',
    },
  });
}

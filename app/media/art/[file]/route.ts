import { parseArtFileName, renderProductArt } from '@/lib/media/product-art';

type Context = { params: Promise<{ file: string }> };

/** Demo product images, drawn on request from the file name (shape, colour, style). */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const art = parseArtFileName((await params).file);
  if (!art) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  return new Response(renderProductArt(art), {
    headers: {
      'content-type': 'image/svg+xml; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
}

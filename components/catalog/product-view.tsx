'use client';

import { useEffect, useMemo, useState } from 'react';
import { stockLabel } from '@/lib/catalog/stock-label';
import type { ProductDetail, VariantView } from '@/lib/catalog/types';
import { formatMoney } from '@/lib/money';
import { AddToCartPanel } from '@/components/cart/add-to-cart-panel';
import { StockBadge } from './stock-badge';

type Props = {
  product: ProductDetail;
  lowStockThreshold: number;
  /** Most units of one item a cart line may hold: pass `maxLineQuantity()` from lib/cart/limits (server side). */
  maxQuantity?: number;
};

/** lib/cart/limits' default; the server refuses more anyway, with a message the panel shows. */
const DEFAULT_MAX_QUANTITY = 20;

/** Gallery, option picker, price, stock badge and add-to-cart for one product; the chosen variant drives all of them. */
export function ProductView({ product, lowStockThreshold, maxQuantity = DEFAULT_MAX_QUANTITY }: Props) {
  const optionNames = useMemo(() => optionNamesOf(product.variants), [product.variants]);
  const [variants, setVariants] = useState(product.variants);
  const [selected, setSelected] = useState<VariantView | undefined>(() => initialVariant(product.variants));
  // The page is cached for everyone; the variant in a shared link (?variant=) is picked once in the browser…
  useEffect(() => {
    const wanted = new URLSearchParams(window.location.search).get('variant');
    const fromUrl = wanted ? product.variants.find((v) => v.id === wanted) : undefined;
    if (fromUrl) setSelected(fromUrl);
  }, [product.variants]);
  // A view counts for the merchant's funnel (sent without waiting for an answer).
  useEffect(() => {
    const body = JSON.stringify({ type: 'product_view', productId: product.id });
    if (!navigator.sendBeacon?.('/api/analytics', new Blob([body], { type: 'application/json' }))) {
      void fetch('/api/analytics', { method: 'POST', body, keepalive: true }).catch(() => {});
    }
  }, [product.id]);
  // …and the stock shown is brought up to date from the live stock cache.
  useEffect(() => {
    const query = product.variants.map((v) => `variant=${v.id}`).join('&');
    fetch(`/api/stock?${query}`, { cache: 'no-store' })
      .then((r) => (r.ok ? (r.json() as Promise<{ stock: Record<string, { available: number }> }>) : null))
      .then((body) => {
        if (!body) return;
        const live = (v: VariantView) => ({ ...v, available: body.stock[v.id]?.available ?? v.available });
        setVariants(product.variants.map(live));
        setSelected((current) => (current ? live(current) : current));
      })
      .catch(() => {});
  }, [product.variants]);
  const [imageIndex, setImageIndex] = useState(0);

  const color = selected?.options.color;
  const images = useMemo(() => {
    const forColor = product.images.filter((image) => !color || !image.color || image.color === color);
    return forColor.length > 0 ? forColor : product.images;
  }, [product.images, color]);
  const image = images[Math.min(imageIndex, images.length - 1)];

  const choose = (name: string, value: string) => {
    const wanted = { ...(selected?.options ?? {}), [name]: value };
    const next =
      variants.find((v) => optionNames.every((n) => v.options[n] === wanted[n])) ??
      variants.find((v) => v.options[name] === value);
    if (!next) return;
    setSelected(next);
    setImageIndex(0);
    const url = new URL(window.location.href);
    url.searchParams.set('variant', next.id);
    window.history.replaceState(window.history.state, '', url);
  };

  const label = selected ? stockLabel(selected.available, lowStockThreshold) : null;

  return (
    <div className="grid gap-8 lg:grid-cols-2 lg:gap-12">
      <section aria-label="Product images">
        <div className="aspect-square overflow-hidden rounded-2xl bg-slate-100">
          {image && (
            // eslint-disable-next-line @next/next/no-img-element -- generated SVGs need no optimisation
            <img src={image.url} alt={image.alt} width={600} height={600} className="size-full object-cover" data-testid="main-image" />
          )}
        </div>
        {images.length > 1 && (
          <ul className="mt-3 flex gap-3">
            {images.map((thumb, index) => (
              <li key={thumb.url}>
                <button
                  type="button"
                  onClick={() => setImageIndex(index)}
                  aria-label={`Show image ${index + 1}: ${thumb.alt}`}
                  aria-pressed={index === imageIndex}
                  className={`size-16 overflow-hidden rounded-lg ring-2 sm:size-20 ${index === imageIndex ? 'ring-slate-900' : 'ring-transparent hover:ring-slate-300'}`}
                >
                  {/* eslint-disable-next-line @next/next/no-img-element */}
                  <img src={thumb.url} alt="" width={80} height={80} className="size-full object-cover" />
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-label="Product details" className="flex flex-col gap-6">
        <div>
          <p className="text-sm font-medium uppercase tracking-wide text-slate-500">{product.brand}</p>
          <h1 className="mt-1 text-3xl font-bold tracking-tight text-slate-900">{product.name}</h1>
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <p className="text-2xl font-semibold text-slate-900" data-testid="price">
              {selected ? formatMoney(selected.priceCents, selected.currency) : '—'}
            </p>
            {label && <StockBadge label={label} />}
          </div>
        </div>

        {optionNames.map((name) => (
          <fieldset key={name}>
            <legend className="text-sm font-medium capitalize text-slate-900">
              {name}: <span className="font-normal text-slate-600">{selected?.options[name]}</span>
            </legend>
            <div className="mt-2 flex flex-wrap gap-2">
              {valuesOf(variants, name).map((value) => {
                const active = selected?.options[name] === value;
                const reachable = variants.some(
                  (v) => v.options[name] === value && v.available > 0 && optionNames.every((n) => n === name || v.options[n] === selected?.options[n]),
                );
                return (
                  <button
                    key={value}
                    type="button"
                    onClick={() => choose(name, value)}
                    aria-pressed={active}
                    data-option={name}
                    className={`min-w-12 rounded-lg border px-3 py-2 text-sm transition ${
                      active ? 'border-slate-900 bg-slate-900 text-white' : 'border-slate-300 bg-white text-slate-800 hover:border-slate-500'
                    } ${reachable ? '' : 'line-through decoration-slate-400'}`}
                  >
                    {value}
                    {!reachable && <span className="sr-only"> (sold out)</span>}
                  </button>
                );
              })}
            </div>
          </fieldset>
        ))}

        <div className="flex flex-col gap-2">
          <AddToCartPanel key={selected?.id ?? 'none'} itemId={selected?.id} available={selected?.available ?? 0} maxQuantity={maxQuantity} />
          {selected && <p className="text-xs text-slate-500">SKU {selected.sku}</p>}
        </div>

        <div className="border-t border-slate-200 pt-6">
          <h2 className="text-sm font-semibold text-slate-900">About this product</h2>
          <p className="mt-2 text-sm leading-6 text-slate-700">{product.description}</p>
          {Object.keys(product.attributes).length > 0 && (
            <dl className="mt-4 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
              {Object.entries(product.attributes).map(([key, value]) => (
                <div key={key} className="contents">
                  <dt className="capitalize text-slate-500">{key}</dt>
                  <dd className="text-slate-900">{value}</dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      </section>
    </div>
  );
}

function optionNamesOf(variants: VariantView[]): string[] {
  const names = new Set<string>();
  for (const variant of variants) for (const name of Object.keys(variant.options)) names.add(name);
  return [...names].sort((a, b) => (a === 'color' ? -1 : b === 'color' ? 1 : a.localeCompare(b)));
}

function valuesOf(variants: VariantView[], name: string): string[] {
  const values: string[] = [];
  for (const variant of variants) {
    const value = variant.options[name];
    if (value !== undefined && !values.includes(value)) values.push(value);
  }
  return values;
}

/** The first variant in stock, else the first. */
function initialVariant(variants: VariantView[]): VariantView | undefined {
  return variants.find((v) => v.available > 0) ?? variants[0];
}

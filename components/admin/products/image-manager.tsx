'use client';

import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { deleteProductImageAction, uploadProductImageAction } from '@/app/actions/admin-products';
import { SubmitButton } from '@/components/account/submit-button';
import { buttonStyles } from '@/components/ui/button-styles';
import { InputField } from './fields';
import { Notice } from './notice';
import { useAction } from './use-action';

const MAX_BYTES = 5 * 1024 * 1024;
const ACCEPT = 'image/png,image/jpeg,image/webp,image/gif';

type Image = { id: string; url: string; alt: string; variantColor: string | null };

/** The product's photos (the first is the one listings show), with upload and a preview before it goes up. */
export function ImageManager({ productId, images, colors }: { productId: string; images: Image[]; colors: string[] }) {
  const upload = useAction();
  const remove = useAction();
  const [preview, setPreview] = useState<{ url: string; name: string; size: number } | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview.url);
  }, [preview]);

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    upload.reset();
    setLocalError(null);
    setPreview(null);
    if (!file) return;
    if (!ACCEPT.split(',').includes(file.type)) {
      setLocalError('Choose a PNG, JPEG, WebP or GIF image.');
      return;
    }
    if (file.size > MAX_BYTES) {
      setLocalError(`That image is ${(file.size / 1024 / 1024).toFixed(1)} MB: images can be at most 5 MB.`);
      return;
    }
    setPreview({ url: URL.createObjectURL(file), name: file.name, size: file.size });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!preview) {
      setLocalError('Choose an image first.');
      return;
    }
    const form = new FormData(event.currentTarget);
    upload.run(
      () => uploadProductImageAction(productId, form),
      () => {
        setPreview(null);
        formRef.current?.reset();
      },
    );
  };

  const uploadError = localError ?? (upload.state && !upload.state.ok ? upload.errors.file ?? upload.state.message : null);

  return (
    <div>
      {images.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">No images yet. Products with photos sell better: add one below.</p>
      ) : (
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4" data-testid="product-images">
          {images.map((image, index) => (
            <li key={image.id} className="group relative overflow-hidden rounded-lg border border-slate-200 bg-white">
              {/* eslint-disable-next-line @next/next/no-img-element -- local files of any size */}
              <img src={image.url} alt={image.alt} className="aspect-square w-full bg-slate-100 object-cover" loading="lazy" />
              <div className="flex items-center justify-between gap-2 px-2 py-1.5 text-xs">
                <span className="truncate text-slate-600">{index === 0 ? 'Main image' : image.variantColor ?? `Image ${index + 1}`}</span>
                <button
                  type="button"
                  disabled={remove.pending}
                  onClick={() => {
                    setRemoving(image.id);
                    remove.run(() => deleteProductImageAction(image.id));
                  }}
                  className="shrink-0 rounded px-1.5 py-0.5 font-medium text-red-700 hover:bg-red-50"
                >
                  {remove.pending && removing === image.id ? 'Removing…' : 'Remove'}
                  <span className="sr-only"> image {index + 1}</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {remove.state && !remove.state.ok && <Notice ok={false} className="mt-3">{remove.state.message}</Notice>}

      <form ref={formRef} onSubmit={submit} noValidate className="mt-5 rounded-lg border border-slate-200 bg-slate-50/60 p-4" aria-busy={upload.pending}>
        <div className="flex flex-col gap-4 sm:flex-row">
          <div className="flex size-28 shrink-0 items-center justify-center overflow-hidden rounded-lg border border-dashed border-slate-300 bg-white text-center text-xs text-slate-500">
            {preview ? (
              // eslint-disable-next-line @next/next/no-img-element -- a local preview (blob: URL)
              <img src={preview.url} alt="Preview of the chosen image" className="size-full object-cover" data-testid="image-preview" />
            ) : (
              <span className="px-2">Preview</span>
            )}
          </div>
          <div className="grid flex-1 gap-3">
            <div>
              <label htmlFor="image-file" className="block text-sm font-medium text-slate-900">
                Image file
              </label>
              <input
                ref={fileInput}
                id="image-file"
                name="file"
                type="file"
                accept={ACCEPT}
                onChange={choose}
                aria-describedby="image-file-hint"
                aria-invalid={uploadError ? true : undefined}
                className="mt-1.5 block w-full text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-slate-900 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-white hover:file:bg-slate-700"
              />
              <p id="image-file-hint" className="mt-1 text-xs text-slate-500">
                PNG, JPEG, WebP or GIF, up to 5 MB.{preview ? ` ${preview.name} (${Math.ceil(preview.size / 1024)} KB)` : ''}
              </p>
            </div>
            <div className="grid gap-3 sm:grid-cols-2">
              <InputField idPrefix="image" name="alt" label="Description for screen readers" maxLength={200} placeholder="e.g. Front view in sand" />
              {colors.length > 0 && (
                <div>
                  <label htmlFor="image-variantColor" className="block text-sm font-medium text-slate-900">
                    Shows colour
                  </label>
                  <select id="image-variantColor" name="variantColor" defaultValue="" className="mt-1.5 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base shadow-sm sm:text-sm">
                    <option value="">Every colour</option>
                    {colors.map((c) => (
                      <option key={c}>{c}</option>
                    ))}
                  </select>
                </div>
              )}
            </div>
            {uploadError && <Notice ok={false}>{uploadError}</Notice>}
            {upload.state?.ok && <Notice ok>{upload.state.message}</Notice>}
            <div className="flex flex-wrap gap-2">
              <SubmitButton pending={upload.pending} pendingLabel="Uploading…" className="py-2">
                Upload image
              </SubmitButton>
              {preview && (
                <button
                  type="button"
                  className={buttonStyles.secondary}
                  onClick={() => {
                    setPreview(null);
                    if (fileInput.current) fileInput.current.value = '';
                  }}
                >
                  Clear
                </button>
              )}
            </div>
          </div>
        </div>
      </form>
    </div>
  );
}

import { CopyButton } from './copy-button';

/** The one and only time a new key is shown in full. */
export function NewApiKey({ name, apiKey, onDismiss }: { name: string; apiKey: string; onDismiss: () => void }) {
  return (
    <div className="rounded-xl border border-amber-300 bg-amber-50 p-4" data-testid="new-api-key">
      <p className="font-semibold text-amber-950">Your new key “{name}”</p>
      <p className="mt-1 text-sm text-amber-900">
        Copy it now and keep it somewhere safe. <strong>It will not be shown again</strong>: we only keep a fingerprint of it.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <code
          aria-label="Your new API key"
          className="min-w-0 flex-1 select-all break-all rounded-lg border border-amber-200 bg-white px-3 py-2 font-mono text-sm text-slate-900"
          data-testid="new-api-key-value"
        >
          {apiKey}
        </code>
        <CopyButton text={apiKey} />
      </div>
      <p className="mt-3 text-xs text-amber-900">
        Send it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.{' '}
        <button type="button" onClick={onDismiss} className="font-semibold underline underline-offset-2">
          I’ve saved it
        </button>
      </p>
    </div>
  );
}

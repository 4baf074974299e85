import type { ApiKeySummary } from '@/lib/auth/api-keys';
import { formatDate } from './format-date';
import { RevokeApiKeyButton } from './revoke-api-key-button';

export function ApiKeyList({ keys }: { keys: ApiKeySummary[] }) {
  if (keys.length === 0) {
    return <p className="text-sm text-slate-600">You have no API keys yet. Create one above to use the REST API from your own tools.</p>;
  }
  return (
    <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200" data-testid="api-keys">
      {keys.map((key) => (
        <li key={key.id} className="flex flex-wrap items-center justify-between gap-x-6 gap-y-3 p-4" data-testid="api-key" data-revoked={key.revokedAt ? 'true' : 'false'}>
          <div className="min-w-0 basis-full sm:flex-1 sm:basis-auto">
            <p className={`font-medium ${key.revokedAt ? 'text-slate-500' : 'text-slate-900'}`}>{key.name}</p>
            <p className="mt-0.5 font-mono text-xs text-slate-500">{key.prefix}…</p>
          </div>
          <dl className="flex gap-6 text-xs text-slate-600">
            <div>
              <dt className="text-slate-500">Created</dt>
              <dd className="font-medium text-slate-800">
                <time dateTime={key.createdAt.toISOString()}>{formatDate(key.createdAt)}</time>
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Last used</dt>
              <dd className="font-medium text-slate-800">
                {key.lastUsedAt ? <time dateTime={key.lastUsedAt.toISOString()}>{formatDate(key.lastUsedAt)}</time> : 'Never'}
              </dd>
            </div>
          </dl>
          {key.revokedAt ? (
            <p className="rounded-full bg-slate-100 px-2.5 py-1 text-xs font-medium text-slate-600">
              Revoked <time dateTime={key.revokedAt.toISOString()}>{formatDate(key.revokedAt)}</time>
            </p>
          ) : (
            <RevokeApiKeyButton keyId={key.id} name={key.name} />
          )}
        </li>
      ))}
    </ul>
  );
}

import type { Metadata } from 'next';
import { ACCESS_LABELS, openApiDocument, type Access } from '@/lib/api/openapi';
import { operationsByTag, type FieldRow, type OperationView } from '@/lib/api/openapi-view';

export const metadata: Metadata = { title: 'REST API', description: 'Every endpoint of the Stockwise REST API: who may call it, what to send, what comes back.' };
// The same for everyone and built from code: rendered once at build time.
export const dynamic = 'force-static';

const METHOD_STYLES: Record<string, string> = {
  GET: 'bg-emerald-100 text-emerald-800',
  POST: 'bg-brand-100 text-brand-900',
  PUT: 'bg-amber-100 text-amber-900',
  PATCH: 'bg-violet-100 text-violet-900',
  DELETE: 'bg-red-100 text-red-800',
};

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Renders `code` spans written with backticks. */
function Text({ children }: { children: string }) {
  return (
    <>
      {children.split(/(`[^`]+`)/).map((part, i) =>
        part.startsWith('`') && part.endsWith('`') ? (
          <code key={i} className="rounded bg-slate-100 px-1 py-0.5 text-[0.85em]">
            {part.slice(1, -1)}
          </code>
        ) : (
          part.replace(/\*\*/g, '')
        ),
      )}
    </>
  );
}

function Fields({ rows, caption, showIn = false }: { rows: (FieldRow & { in?: string })[]; caption: string; showIn?: boolean }) {
  return (
    <div className="mt-2 overflow-x-auto">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-3 font-semibold">Field</th>
            {showIn && <th scope="col" className="py-1 pr-3 font-semibold">In</th>}
            <th scope="col" className="py-1 pr-3 font-semibold">Type</th>
            <th scope="col" className="py-1 pr-3 font-semibold">Required</th>
            <th scope="col" className="py-1 font-semibold">Notes</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((row) => (
            <tr key={`${row.in ?? ''}:${row.name}`} data-testid="field">
              <td className="py-1.5 pr-3 font-mono text-xs text-slate-900">{row.name}</td>
              {showIn && <td className="py-1.5 pr-3 text-slate-600">{row.in}</td>}
              <td className="py-1.5 pr-3 font-mono text-xs text-slate-700">{row.type}</td>
              <td className="py-1.5 pr-3 text-slate-600">{row.required ? 'yes' : 'no'}</td>
              <td className="py-1.5 text-slate-600 [overflow-wrap:anywhere]">
                <Text>{row.notes}</Text>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Operation({ op }: { op: OperationView }) {
  return (
    <article id={op.id} data-testid="operation" className="scroll-mt-4 rounded-2xl border border-slate-200 bg-white p-4 sm:p-5">
      <h3 className="flex flex-wrap items-center gap-2">
        <span className={`rounded-md px-2 py-0.5 font-mono text-xs font-bold ${METHOD_STYLES[op.method] ?? 'bg-slate-100'}`}>{op.method}</span>
        <code className="font-mono text-sm font-semibold text-slate-900 [overflow-wrap:anywhere]">{op.path}</code>
      </h3>
      <p className="mt-2 text-slate-800">{op.summary}</p>
      <p className="mt-1 text-sm text-slate-600">
        <span className="font-semibold text-slate-700">Who may call it:</span> {ACCESS_LABELS[op.access as Access] ?? op.access}
        {op.accessNote ? ` — ${op.accessNote}` : ''}.
        {op.idempotent && (
          <>
            {' '}
            Accepts <code className="rounded bg-slate-100 px-1 text-[0.85em]">Idempotency-Key</code>.
          </>
        )}
      </p>
      {op.description && (
        <p className="mt-1 text-sm text-slate-600">
          <Text>{op.description}</Text>
        </p>
      )}
      {op.parameters.length > 0 && (
        <section className="mt-3">
          <h4 className="text-sm font-semibold text-slate-800">Parameters</h4>
          <Fields rows={op.parameters} caption={`Parameters of ${op.method} ${op.path}`} showIn />
        </section>
      )}
      {op.body && (
        <section className="mt-3" data-testid="request-body">
          <h4 className="text-sm font-semibold text-slate-800">
            Request body <span className="font-normal text-slate-500">(JSON, {op.body.schemaName})</span>
          </h4>
          <Fields rows={op.body.fields} caption={`Request body of ${op.method} ${op.path}`} />
        </section>
      )}
      <section className="mt-3">
        <h4 className="text-sm font-semibold text-slate-800">Responses</h4>
        <ul className="mt-1 space-y-1 text-sm">
          {op.responses.map((response) => (
            <li key={response.status} data-testid="response">
              <span className={`mr-2 font-mono font-semibold ${response.status.startsWith('2') ? 'text-emerald-700' : 'text-slate-700'}`}>{response.status}</span>
              <span className="text-slate-700">
                <Text>{response.description}</Text>
              </span>
              {response.schemaName && <span className="text-slate-500"> — {response.schemaName}</span>}
              {response.fields.length > 0 && (
                <details className="mt-1">
                  <summary className="cursor-pointer text-brand-600 hover:underline">Fields of {response.schemaName}</summary>
                  <Fields rows={response.fields} caption={`${response.schemaName} fields`} />
                </details>
              )}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

export default function ApiDocsPage() {
  const doc = openApiDocument();
  const tags = operationsByTag(doc);
  const count = tags.reduce((n, tag) => n + tag.operations.length, 0);
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">REST API</h1>
      <div className="mt-2 max-w-3xl space-y-2 text-slate-700">
        <p>
          {count} operations under <code className="rounded bg-slate-100 px-1">/api/v1</code>, JSON in and out. The machine-readable description is{' '}
          <a href="/api/v1/openapi.json" className="font-medium text-brand-600 hover:underline">
            /api/v1/openapi.json
          </a>{' '}
          (OpenAPI 3.1), generated from the same schemas the server checks requests with.
        </p>
        <p>
          Authenticate with an API key from <code className="rounded bg-slate-100 px-1">POST /api/v1/auth/token</code> sent as{' '}
          <code className="rounded bg-slate-100 px-1">Authorization: Bearer &lt;key&gt;</code>, or with the session cookie of a signed-in browser (same-origin
          requests only). Errors are <code className="rounded bg-slate-100 px-1">{'{ "error": { "code", "message", "details"? } }'}</code>; bad input answers
          400 with <code className="rounded bg-slate-100 px-1">details.fields</code> naming each field, and nothing changes.
        </p>
      </div>
      <nav aria-label="Sections" className="mt-6">
        <ul className="flex flex-wrap gap-2 text-sm">
          {tags.map((tag) => (
            <li key={tag.name}>
              <a href={`#${slug(tag.name)}`} className="inline-block rounded-full border border-slate-300 bg-white px-3 py-1 font-medium text-slate-700 hover:border-brand-600 hover:text-brand-700">
                {tag.name} <span className="text-slate-500">{tag.operations.length}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {tags.map((tag) => (
        <section key={tag.name} id={slug(tag.name)} className="mt-10 scroll-mt-4" data-testid="tag">
          <h2 className="text-xl font-bold tracking-tight">{tag.name}</h2>
          {tag.description && <p className="mt-1 text-sm text-slate-600">{tag.description}</p>}
          <div className="mt-4 space-y-4">
            {tag.operations.map((op) => (
              <Operation key={op.id} op={op} />
            ))}
          </div>
        </section>
      ))}
    </>
  );
}

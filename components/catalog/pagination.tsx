import Link from 'next/link';

/** Page links that keep the other query parameters (sort, …). */
export function Pagination({
  page,
  pageCount,
  basePath,
  params,
}: {
  page: number;
  pageCount: number;
  basePath: string;
  /** Other query parameters to keep; pairs allow repeated keys (e.g. several `filter=`). */
  params: Record<string, string> | [string, string][] | URLSearchParams;
}) {
  if (pageCount <= 1) return null;
  const href = (target: number) => {
    const query = new URLSearchParams(params);
    if (target > 1) query.set('page', String(target));
    else query.delete('page');
    const qs = query.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  const pages = visiblePages(page, pageCount);
  const linkClass = 'inline-flex min-w-10 items-center justify-center rounded-lg px-3 py-2 text-sm';
  return (
    <nav aria-label="Pagination" className="mt-10 flex items-center justify-center gap-1">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className={`${linkClass} hover:bg-slate-100`}>
          ← Previous
        </Link>
      ) : (
        <span className={`${linkClass} text-slate-400`} aria-disabled>
          ← Previous
        </span>
      )}
      <ol className="hidden items-center gap-1 sm:flex">
        {pages.map((p, index) =>
          p === null ? (
            <li key={`gap-${index}`} className="px-2 text-slate-400" aria-hidden>
              …
            </li>
          ) : (
            <li key={p}>
              <Link
                href={href(p)}
                aria-current={p === page ? 'page' : undefined}
                className={`${linkClass} ${p === page ? 'bg-slate-900 font-semibold text-white' : 'hover:bg-slate-100'}`}
              >
                {p}
              </Link>
            </li>
          ),
        )}
      </ol>
      <span className="px-2 text-sm text-slate-600 sm:hidden">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} rel="next" className={`${linkClass} hover:bg-slate-100`}>
          Next →
        </Link>
      ) : (
        <span className={`${linkClass} text-slate-400`} aria-disabled>
          Next →
        </span>
      )}
    </nav>
  );
}

function visiblePages(page: number, pageCount: number): (number | null)[] {
  const wanted = new Set([1, pageCount, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pageCount));
  const sorted = [...wanted].sort((a, b) => a - b);
  const result: (number | null)[] = [];
  for (const p of sorted) {
    const last = result[result.length - 1];
    if (typeof last === 'number' && p - last > 1) result.push(null);
    result.push(p);
  }
  return result;
}

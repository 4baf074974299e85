import Link from 'next/link';

export function Breadcrumb({ trail, current }: { trail: { href: string; label: string }[]; current?: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
      <ol className="flex flex-wrap items-center gap-1.5">
        <li>
          <Link href="/" className="hover:text-slate-900">
            Home
          </Link>
        </li>
        {trail.map((crumb) => (
          <li key={crumb.href} className="flex items-center gap-1.5">
            <span aria-hidden>/</span>
            <Link href={crumb.href} className="hover:text-slate-900">
              {crumb.label}
            </Link>
          </li>
        ))}
        {current && (
          <li className="flex items-center gap-1.5">
            <span aria-hidden>/</span>
            <span aria-current="page" className="text-slate-900">
              {current}
            </span>
          </li>
        )}
      </ol>
    </nav>
  );
}

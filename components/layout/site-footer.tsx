import { Container } from '@/components/ui/container';

export function SiteFooter() {
  return (
    <footer className="mt-20 border-t border-slate-200 bg-slate-50">
      <Container className="flex flex-col gap-2 py-10 text-sm text-slate-600 sm:flex-row sm:items-center sm:justify-between">
        <p>
          <span className="font-semibold text-slate-900">Stockwise</span> — the open-source store that never oversells.
        </p>
        <p>
          Free shipping over $75 · 30-day returns ·{' '}
          <a href="/docs/api" className="font-medium text-slate-700 hover:underline">
            REST API
          </a>
        </p>
      </Container>
    </footer>
  );
}

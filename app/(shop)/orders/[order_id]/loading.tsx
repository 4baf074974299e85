import { Container } from '@/components/ui/container';

/** While an order loads (e.g. right after "Place order"): the page's shape, quietly pulsing. */
export default function OrderLoading() {
  return (
    <Container className="max-w-5xl py-8 sm:py-10">
      <p role="status" className="sr-only">
        Loading your order…
      </p>
      <div aria-hidden className="animate-pulse">
        <div className="h-4 w-24 rounded bg-slate-100" />
        <div className="mt-5 h-8 w-56 rounded bg-slate-200" />
        <div className="mt-3 h-4 w-72 max-w-full rounded bg-slate-100" />
        <div className="mt-6 h-24 rounded-2xl bg-slate-100" />
        <div className="mt-8 grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem] lg:gap-10">
          <div className="h-64 rounded-2xl border border-slate-200" />
          <div className="h-40 rounded-2xl border border-slate-200" />
        </div>
      </div>
    </Container>
  );
}

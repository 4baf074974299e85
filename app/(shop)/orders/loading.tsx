import { Container } from '@/components/ui/container';

/** While the orders load: the page's shape, quietly pulsing. */
export default function OrdersLoading() {
  return (
    <Container className="max-w-4xl py-8 sm:py-10">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Your orders</h1>
      <p role="status" className="sr-only">
        Loading your orders…
      </p>
      <div aria-hidden className="mt-8 animate-pulse divide-y divide-slate-200 rounded-2xl border border-slate-200">
        {[0, 1, 2].map((row) => (
          <div key={row} className="flex items-center gap-4 p-4 sm:px-5">
            <div className="flex-1 space-y-2">
              <div className="h-4 w-28 rounded bg-slate-200" />
              <div className="h-3 w-40 rounded bg-slate-100" />
            </div>
            <div className="h-5 w-24 rounded-full bg-slate-100" />
            <div className="h-4 w-16 rounded bg-slate-200" />
          </div>
        ))}
      </div>
    </Container>
  );
}

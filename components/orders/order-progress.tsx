import type { OrderStatus } from '@/lib/orders/status';

const STEPS: { label: string; reached: OrderStatus[] }[] = [
  { label: 'Placed', reached: ['pending_payment', 'confirmed', 'processing', 'shipped', 'delivered'] },
  { label: 'Paid', reached: ['confirmed', 'processing', 'shipped', 'delivered'] },
  { label: 'Packed', reached: ['processing', 'shipped', 'delivered'] },
  { label: 'Shipped', reached: ['shipped', 'delivered'] },
  { label: 'Delivered', reached: ['delivered'] },
];

/** Where an order on its way stands, from placed to delivered. Nothing for orders that left that road. */
export function OrderProgress({ status }: { status: OrderStatus }) {
  if (!STEPS[0]!.reached.includes(status)) return null;
  const at = STEPS.findLastIndex((step) => step.reached.includes(status));
  return (
    <nav aria-label="Order progress" className="mt-6">
      <ol className="grid grid-cols-5 gap-1 text-center text-[11px] font-medium sm:text-xs">
        {STEPS.map((step, index) => {
          const done = index <= at;
          return (
            <li key={step.label} aria-current={index === at ? 'step' : undefined} className="flex flex-col gap-2">
              <span aria-hidden className={`h-1.5 rounded-full ${done ? 'bg-slate-900' : 'bg-slate-200'}`} />
              <span className={done ? 'text-slate-900' : 'text-slate-500'}>
                {step.label}
                <span className="sr-only">{done ? ' (done)' : ' (to come)'}</span>
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

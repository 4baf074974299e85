const STEPS = [
  { id: 'cart', label: 'Cart' },
  { id: 'details', label: 'Address & delivery' },
  { id: 'payment', label: 'Payment' },
] as const;

type Step = (typeof STEPS)[number]['id'];

/** Where the shopper is on the way from cart to paid order. */
export function CheckoutSteps({ current }: { current: Step }) {
  const at = STEPS.findIndex((s) => s.id === current);
  return (
    <nav aria-label="Checkout progress">
      <ol className="flex items-center gap-2 text-xs font-medium sm:text-sm">
        {STEPS.map((step, index) => {
          const done = index < at;
          const here = index === at;
          return (
            <li key={step.id} className="flex min-w-0 items-center gap-2" aria-current={here ? 'step' : undefined}>
              {index > 0 && <span aria-hidden className={`h-px w-4 shrink-0 sm:w-8 ${done || here ? 'bg-slate-900' : 'bg-slate-300'}`} />}
              <span
                aria-hidden
                className={`grid size-6 shrink-0 place-items-center rounded-full text-xs ${
                  done ? 'bg-slate-900 text-white' : here ? 'border-2 border-slate-900 text-slate-900' : 'border border-slate-300 text-slate-500'
                }`}
              >
                {done ? '✓' : index + 1}
              </span>
              {/* On a small phone only the current step is named; the others are numbers (their names stay for screen readers). */}
              <span className={`truncate ${here ? 'text-slate-900' : `sr-only sm:not-sr-only ${done ? 'text-slate-700' : 'text-slate-500'}`}`}>
                {step.label}
                {done && <span className="sr-only"> (done)</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

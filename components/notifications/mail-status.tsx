const STYLES = {
  queued: 'bg-amber-100 text-amber-900',
  stored: 'bg-slate-100 text-slate-700',
  sent: 'bg-emerald-100 text-emerald-900',
  failed: 'bg-rose-100 text-rose-900',
} as const;

export function MailStatus({ status }: { status: keyof typeof STYLES }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${STYLES[status]}`}>{status}</span>;
}

import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { fieldId, inputStyles } from '@/components/account/form-field';

type Common = { name: string; label: ReactNode; hint?: string; error?: string; idPrefix?: string; className?: string };

function Described({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1.5 text-sm text-red-700">
          {error}
        </p>
      )}
    </>
  );
}

const describedBy = (id: string, hint?: string, error?: string) => [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function SelectField({ name, label, hint, error, idPrefix = 'field', className = '', children, ...select }: Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name'>) {
  const id = fieldId(name, idPrefix);
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={`${inputStyles} mt-1.5`} {...select}>
        {children}
      </select>
      <Described id={id} hint={hint} error={error} />
    </div>
  );
}

export function TextAreaField({ name, label, hint, error, idPrefix = 'field', className = '', ...area }: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'>) {
  const id = fieldId(name, idPrefix);
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <textarea id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={`${inputStyles} mt-1.5`} {...area} />
      <Described id={id} hint={hint} error={error} />
    </div>
  );
}

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY'] as const;

/** Cents as the price input shows them: 4900 → "49.00" (no floating point). */
export function centsToInput(cents: number, currency = 'USD'): string {
  const digits = currency === 'JPY' ? 0 : 2;
  if (digits === 0) return String(cents);
  const whole = Math.floor(cents / 100);
  return `${whole}.${String(cents % 100).padStart(2, '0')}`;
}

/** "material: linen" lines for the attributes box. */
export function attributesToText(attributes: Record<string, string>): string {
  return Object.entries(attributes)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n');
}

/** TextField with a label that may hold markup (e.g. a screen-reader-only "Variant 2 "). */
export function InputField({ name, label, hint, error, idPrefix = 'field', className = '', ...input }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'>) {
  const id = fieldId(name, idPrefix);
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={`${inputStyles} mt-1.5`} {...input} />
      <Described id={id} hint={hint} error={error} />
    </div>
  );
}

/** The confirmation a price of 0 needs: the server refuses 0 unless this is ticked. */
export function FreeCheckbox({ name, idPrefix = 'field', label = 'This item is free', defaultChecked }: { name: string; idPrefix?: string; label?: ReactNode; defaultChecked?: boolean }) {
  const id = fieldId(name, idPrefix);
  return (
    <div className="flex items-center gap-2">
      <input id={id} name={name} type="checkbox" defaultChecked={defaultChecked} className="h-4 w-4 rounded border-slate-300" />
      <label htmlFor={id} className="text-sm text-slate-700">
        {label}
      </label>
    </div>
  );
}

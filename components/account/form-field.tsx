import type { InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'> & {
  name: string;
  label: string;
  /** A hint shown under the label, e.g. "At least 8 characters". */
  hint?: string;
  /** The field's error as a sentence; marks the field invalid and is read out with it. */
  error?: string;
  idPrefix?: string;
};

export const inputStyles =
  'block w-full rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-600 aria-[invalid=true]:border-red-600 sm:text-sm';

/** fieldId('email') is the input's id, so an error summary can link to it. */
export const fieldId = (name: string, idPrefix = 'field') => `${idPrefix}-${name}`;

/** A labelled input with its hint and error wired up through aria-describedby. */
export function TextField({ name, label, hint, error, idPrefix = 'field', className = '', ...input }: Props) {
  const id = fieldId(name, idPrefix);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="mt-0.5 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={`${inputStyles} mt-1.5`} {...input} />
      {error && (
        <p id={errorId} className="mt-1.5 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

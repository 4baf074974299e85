'use client';

import Link from 'next/link';
import { useRef, useState, type ChangeEvent } from 'react';
import { importProductsCsvAction } from '@/app/actions/admin-products';
import { buttonStyles } from '@/components/ui/button-styles';
import type { ImportReport } from '@/lib/catalog/csv';
import { Notice } from './notice';
import { useAction } from './use-action';

const MAX_BYTES = 2 * 1024 * 1024;

/**
 * Choose a CSV → check it (a dry run: nothing is written) → see each problem by
 * row and column → import. All-or-nothing: one bad row and nothing is imported.
 */
export function CsvImport() {
  const { state, pending, run, reset } = useAction<ImportReport>();
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [running, setRunning] = useState<'dry_run' | 'apply' | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0] ?? null;
    reset();
    setLocalError(null);
    setFile(null);
    if (!chosen) return;
    if (chosen.size > MAX_BYTES) {
      setLocalError(`That file is ${(chosen.size / 1024 / 1024).toFixed(1)} MB: at most 2 MB per import. Split it into several files.`);
      return;
    }
    setFile(chosen);
    send(chosen, 'dry_run');
  };

  const send = (chosen: File, mode: 'dry_run' | 'apply') => {
    const form = new FormData();
    form.set('file', chosen);
    form.set('mode', mode);
    setRunning(mode);
    run(() => importProductsCsvAction(form));
  };

  const report = state?.ok ? state.data : null;
  const error = localError ?? (state && !state.ok ? (state.fieldErrors?.file ? `The file ${state.fieldErrors.file}` : state.message) : null);
  const canApply = report && !report.applied && report.errors.length === 0 && report.moreErrors === 0;

  return (
    <div className="space-y-6">
      <div className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
        <label htmlFor="csv-file" className="block font-semibold text-slate-900">
          CSV file
        </label>
        <p id="csv-file-hint" className="mt-0.5 text-sm text-slate-600">
          UTF-8, up to 2 MB and 5,000 rows. It is checked first; nothing is written until you press Import.
        </p>
        <input
          ref={input}
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          onChange={choose}
          disabled={pending}
          aria-describedby="csv-file-hint"
          className="mt-3 block w-full text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-slate-900 file:px-4 file:py-2.5 file:text-sm file:font-semibold file:text-white hover:file:bg-slate-700 disabled:opacity-60"
        />
        {file && !pending && (
          <button type="button" className={`${buttonStyles.secondary} mt-3`} onClick={() => send(file, 'dry_run')}>
            Check again
          </button>
        )}
      </div>

      {pending && <Progress label={running === 'apply' ? `Importing ${file?.name ?? 'the file'}…` : `Checking ${file?.name ?? 'the file'}…`} />}
      {!pending && error && <Notice ok={false}>{error}</Notice>}

      {!pending && report && (
        <section aria-labelledby="report-heading" className="rounded-xl border border-slate-200 bg-white" data-testid="import-report">
          <div className="border-b border-slate-100 px-4 py-3 sm:px-5">
            <h2 id="report-heading" className="font-semibold text-slate-900">
              {report.applied ? 'Imported' : report.errors.length ? 'Problems found — nothing was imported' : 'Ready to import'}
            </h2>
            <p className="mt-0.5 text-sm text-slate-600">
              {report.summary.rows.toLocaleString('en-US')} {report.summary.rows === 1 ? 'row' : 'rows'} read
              {report.warehouses.length ? ` · stock columns: ${report.warehouses.join(', ')}` : ' · no stock columns'}
            </p>
          </div>
          <div className="p-4 sm:p-5">
            <Summary report={report} />
            {report.errors.length > 0 ? (
              <>
                <p className="mt-5 text-sm text-slate-700">
                  Fix {report.errors.length + report.moreErrors === 1 ? 'this problem' : `these ${(report.errors.length + report.moreErrors).toLocaleString('en-US')} problems`} in your spreadsheet, save it as CSV and choose it again. Rows are numbered as your spreadsheet numbers them (the header is row 1).
                </p>
                <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 sm:hidden">
                  {report.errors.map((issue, index) => (
                    <li key={index} className="px-3 py-2.5 text-sm">
                      <p className="font-medium text-slate-900">
                        Row {issue.row} · <span className="font-mono text-xs">{issue.field}</span>
                      </p>
                      <p className="mt-0.5 text-slate-700">{issue.message}</p>
                    </li>
                  ))}
                </ul>
                <div className="mt-3 hidden overflow-x-auto sm:block">
                  <table className="w-full text-left text-sm" data-testid="import-errors">
                    <thead className="bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500">
                      <tr>
                        <th scope="col" className="px-4 py-2">Row</th>
                        <th scope="col" className="px-4 py-2">Column</th>
                        <th scope="col" className="px-4 py-2">Problem</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {report.errors.map((issue, index) => (
                        <tr key={index} data-row={issue.row} data-field={issue.field}>
                          <td className="w-16 px-4 py-2 tabular-nums font-medium text-slate-900">{issue.row}</td>
                          <td className="whitespace-nowrap px-4 py-2 font-mono text-xs text-slate-700">{issue.field}</td>
                          <td className="px-4 py-2 text-slate-700">{issue.message}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {report.moreErrors > 0 && <p className="mt-2 text-sm text-slate-600">…and {report.moreErrors.toLocaleString('en-US')} more.</p>}
              </>
            ) : report.applied ? (
              <div className="mt-5 flex flex-wrap gap-2">
                <Notice ok className="w-full">
                  Import complete: every row was written in one go. Shop pages and search are being refreshed.
                </Notice>
                <Link href="/admin/products" className={`${buttonStyles.primary} py-2`}>
                  See products
                </Link>
              </div>
            ) : (
              <div className="mt-5 flex flex-wrap items-center gap-3">
                <button type="button" disabled={!canApply || !file} className={`${buttonStyles.primary} py-2`} onClick={() => file && send(file, 'apply')}>
                  Import {report.summary.rows.toLocaleString('en-US')} {report.summary.rows === 1 ? 'row' : 'rows'}
                </button>
                <span className="text-sm text-slate-600">All rows are written together, or none.</span>
              </div>
            )}
          </div>
        </section>
      )}
    </div>
  );
}

function Summary({ report }: { report: ImportReport }) {
  const s = report.summary;
  const verb = report.applied ? '' : 'to ';
  const items = [
    { label: `Products ${verb}create`, value: s.productsCreated },
    { label: `Products ${verb}update`, value: s.productsUpdated },
    { label: `Variants ${verb}create`, value: s.variantsCreated },
    { label: `Variants ${verb}update`, value: s.variantsUpdated },
    { label: 'Stock changes', value: s.stockChanges },
    { label: 'Rows unchanged', value: s.unchanged },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
      {items.map((item) => (
        <div key={item.label} className="rounded-lg bg-slate-50 px-3 py-2">
          <dt className="text-xs text-slate-600">{item.label}</dt>
          <dd className="text-lg font-semibold tabular-nums text-slate-900">{item.value.toLocaleString('en-US')}</dd>
        </div>
      ))}
    </dl>
  );
}

function Progress({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" className="rounded-xl border border-slate-200 bg-white p-4" data-testid="import-progress">
      <p className="text-sm font-medium text-slate-900">{label}</p>
      <div className="mt-3 h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden>
        <div className="h-full w-1/3 animate-[import-progress_1.2s_ease-in-out_infinite] rounded-full bg-slate-900" />
      </div>
      <style>{'@keyframes import-progress{0%{transform:translateX(-100%)}100%{transform:translateX(300%)}}'}</style>
      <p className="mt-2 text-xs text-slate-500">Large files take a few seconds. Keep this page open.</p>
    </div>
  );
}

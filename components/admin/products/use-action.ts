'use client';

import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/session/action-result';

type Result<T> = ActionResult<T> | { ok: false; message: string; fieldErrors?: Record<string, string> };

/**
 * Runs a server action from an event handler (not as a form action, so React
 * does not clear the form when it fails) and keeps its last result.
 */
export function useAction<T = undefined>() {
  const [state, setState] = useState<Result<T> | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (work: () => Promise<Result<T>>, onSuccess?: (result: Result<T> & { ok: true }) => void) => {
    startTransition(async () => {
      try {
        const result = await work();
        setState(result);
        if (result.ok) onSuccess?.(result as Result<T> & { ok: true });
      } catch {
        setState({
          ok: false,
          message: 'The server did not take that (the file may be larger than it accepts, or the connection dropped). Please try again.',
        });
      }
    });
  };
  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  return { state, pending, run, errors, reset: () => setState(null) };
}

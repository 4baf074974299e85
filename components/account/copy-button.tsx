'use client';

import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';

/** Copies `text` to the clipboard and says so; if the browser refuses, asks the person to copy by hand. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <>
      <button type="button" onClick={copy} className={`${buttonStyles.secondary} shrink-0`}>
        {state === 'copied' ? 'Copied' : label}
      </button>
      <span role="status" className="sr-only">
        {state === 'copied' ? 'Copied to the clipboard' : ''}
      </span>
      {state === 'failed' && <span className="basis-full text-sm text-red-700">Your browser didn’t allow copying. Select the key and copy it by hand.</span>}
    </>
  );
}

import type { ReactNode } from 'react';
import { ToolPageShell } from '@/components/layout/tool-page-shell';

export const metadata = { title: { default: 'API docs', template: '%s · Stockwise' } };

/** Developer documentation: no shop chrome, no per-visitor data. */
export default function DocsLayout({ children }: { children: ReactNode }) {
  return (
    <ToolPageShell href="/docs/api" label="API docs">
      {children}
    </ToolPageShell>
  );
}

/**
 * A stand-in for `next/headers`' cookie store over a plain Map, for tests that call
 * server actions in-process: `vi.mock('next/headers', async () => (await import('@/test/next-headers-mock')).nextHeaders(scope))`.
 */
export function cookieStore(cookies: Map<string, string>) {
  return {
    get: (name: string) => (cookies.has(name) ? { name, value: cookies.get(name)! } : undefined),
    getAll: () => [...cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => cookies.has(name),
    set: (name: string | { name: string; value: string }, value?: string) => {
      if (typeof name === 'object') cookies.set(name.name, name.value);
      else cookies.set(name, value ?? '');
    },
    delete: (name: string) => cookies.delete(name),
  };
}

export function nextHeaders(scope: { cookies: Map<string, string>; headers: Headers }) {
  return { cookies: async () => cookieStore(scope.cookies), headers: async () => scope.headers };
}

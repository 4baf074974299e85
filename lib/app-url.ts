/** How the app's own server processes reach it over HTTP (the worker, the simulated provider). */
export function appUrl(): string {
  return process.env.STOCKWISE_APP_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
}

/** Where shoppers reach the store (links in API answers, return URLs sent to Stripe). */
export function publicUrl(): string {
  return (process.env.STOCKWISE_PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
}

import type { BoughtTogetherStatus } from './bought-together';

function ago(date: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - date.getTime()) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.round(hours / 24);
  return `${days} days ago`;
}

/** "Updated 4 minutes ago from 1,234 orders", for the merchant. */
export function describeFreshness(status: BoughtTogetherStatus, now = new Date()): string {
  if (!status.ranAt) return 'Not computed yet: the job runs every 10 minutes and at start-up.';
  const orders = `${status.orders.toLocaleString('en-US')} paid order${status.orders === 1 ? '' : 's'}`;
  return `Updated ${ago(status.ranAt, now)} from ${orders}; ${status.products.toLocaleString('en-US')} products have suggestions.`;
}

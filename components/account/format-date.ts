const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

/** "Nov 22, 2026" (UTC, so server and browser agree). */
export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

/** The header shows who is signed in and the cart count from /api/session; anything that changes them says so here. */
export const SESSION_CHANGED = 'stockwise:session-changed';

export function notifySessionChanged(): void {
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(SESSION_CHANGED));
}

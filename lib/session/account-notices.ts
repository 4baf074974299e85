/** After a password change, changePasswordAction sends the browser here, and the account page says it worked. */
export const PASSWORD_CHANGED_PATH = '/account?password=changed#password';

export function passwordJustChanged(searchParams: Record<string, string | string[] | undefined>): boolean {
  return searchParams.password === 'changed';
}

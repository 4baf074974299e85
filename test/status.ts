import { ApiError } from '@/lib/api/errors';

/** The HTTP status an ApiError from `run` carries, or 'ok' when it succeeds; any other error is rethrown. */
export async function statusOf(run: () => Promise<unknown>): Promise<number | 'ok'> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    if (error instanceof ApiError) return error.status;
    throw error;
  }
}

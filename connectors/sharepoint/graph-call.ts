// One Graph request: errors become SharePointError, and the body is checked against the shape we read.
import type { z } from 'zod';
import { describeIssues } from '../../shared/register/errors';
import { SharePointError, toSharePointError } from './errors';

/**
 * Runs `request` and parses its body with `schema`. `what` names the request in messages
 * (e.g. 'GET list items delta'); a body of the wrong shape is a 'malformed' SharePointError.
 */
export async function graphCall<S extends z.ZodType>(
  what: string,
  schema: S,
  request: () => Promise<unknown>,
): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await request();
  } catch (error) {
    throw toSharePointError(error, what);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const { field, message } = describeIssues(parsed.error);
    throw new SharePointError('malformed', `${what}: unexpected response: field '${field}': ${message}`, 200);
  }
  return parsed.data;
}

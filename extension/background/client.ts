// How extension pages and content scripts ask the background. Never throws: a failed send or a
// reply that does not match the protocol comes back as { ok: false, error }.
import { browser } from 'wxt/browser';
import { Request, describeError, responseSchema, type RequestType, type Response } from './messages';

export async function askBackground<T extends RequestType>(
  request: Extract<Request, { type: T }>,
): Promise<Response<T>> {
  const type = request.type as T;
  const outgoing = Request.safeParse(request);
  if (!outgoing.success) return { ok: false, error: `not sent: ${describeError(outgoing.error)}` };
  let reply: unknown;
  try {
    reply = await browser.runtime.sendMessage(outgoing.data);
  } catch (error) {
    return {
      ok: false,
      error: `background unreachable: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const checked = responseSchema(type).safeParse(reply);
  return checked.success
    ? checked.data
    : { ok: false, error: `unexpected reply to ${type}: ${describeError(checked.error)}` };
}

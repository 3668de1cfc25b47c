// What the background does for each message. Everything it needs is passed in, so a restarted
// service worker rebuilds it from IndexedDB and nothing lives in module state.
import type { RecordKind } from '../../shared/model';
import { demoOrganisation } from '../../shared/demo';
import type { Register } from '../../shared/register';
import {
  Request,
  describeError,
  responseSchema,
  type Failure,
  type RequestType,
  type Response,
  type Success,
} from './messages';

export interface BackgroundDeps {
  register: Register;
  /** The current day, YYYY-MM-DD. */
  today: () => string;
}

const DEMO_CONTEXT = { actor: 'aims-demo', cause: 'demo organisation' };

type Handlers = {
  [T in RequestType]: (request: Extract<Request, { type: T }>, deps: BackgroundDeps) => Promise<Success<T>>;
};

const handlers: Handlers = {
  'inventory/list': async (_request, { register }) => ({
    ok: true,
    systems: await register.list('ai-system'),
  }),

  'demo/load': async (request, { register, today }) => {
    const { records } = demoOrganisation(request.today ?? today());
    // Re-loading is harmless: the register skips writes whose content is unchanged.
    const written = await register.transact(DEMO_CONTEXT, async (tx) => {
      let changed = 0;
      for (const draft of records) {
        const kind: RecordKind = draft.kind;
        const before = await tx.get(kind, draft.id);
        const after = await tx.put(kind, draft);
        if (after.revision !== before?.revision) changed++;
      }
      return changed;
    });
    return { ok: true, records: records.length, written };
  },

  'register/verify': async (_request, { register }) => ({ ok: true, verdict: await register.verify() }),
};

const failure = (error: string): Failure => ({ ok: false, error });

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}

async function dispatch<T extends RequestType>(
  request: Extract<Request, { type: T }>,
  deps: BackgroundDeps,
): Promise<Response<T>> {
  const handler = handlers[request.type as T];
  let result: unknown;
  try {
    result = await handler(request, deps);
  } catch (error) {
    return failure(`${request.type}: ${messageOf(error)}`);
  }
  const checked = responseSchema(request.type as T).safeParse(result);
  return checked.success
    ? checked.data
    : failure(`${request.type}: invalid response (${describeError(checked.error)})`);
}

/** Answers any incoming value; malformed or unknown messages get a failure, never a throw. */
export async function handleMessage(message: unknown, deps: BackgroundDeps): Promise<Response<RequestType>> {
  const parsed = Request.safeParse(message);
  if (!parsed.success) return failure(`malformed message: ${describeError(parsed.error)}`);
  return dispatch(parsed.data, deps);
}

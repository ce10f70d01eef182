import * as v from 'valibot';
import type { WebSocket } from 'ws';
import type { Result } from '../../src-shared/lab-api.ts';
import { parseWith } from '../../src-shared/validation.ts';
import type { Handler, LabServiceLike, Log } from './lab-methods.ts';

// LabApi over a WebSocket. The page sends { id, method, params } and gets
// { id, result } back; run events are pushed as { event: 'run', data }.

/** A call from the page. */
export const CallSchema = v.strictObject({
  id: v.pipe(v.number(), v.integer(), v.minValue(0)),
  method: v.pipe(v.string(), v.maxLength(64)),
  params: v.optional(v.unknown()),
});
export type Call = v.InferOutput<typeof CallSchema>;

/** The answer to one call. */
export interface Reply {
  id: number | null;
  result: Result<unknown>;
}

/** A message the server pushes unasked. */
export interface Push {
  event: 'run' | 'menu';
  data: unknown;
}

/** Answers one raw message with the matching handler's Result. */
export async function answer(
  raw: string,
  methods: Readonly<Record<string, Handler>>,
): Promise<Reply> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { id: null, result: { ok: false, error: 'message: not JSON' } };
  }

  const call = parseWith(CallSchema, json, 'message');
  if (!call.ok) {
    const id = (json as { id?: unknown } | null)?.id;
    return {
      id: typeof id === 'number' ? id : null,
      result: { ok: false, error: call.error },
    };
  }

  const { id, method, params } = call.value;
  // Own properties only: "constructor" or "__proto__" are not methods.
  const handler = Object.hasOwn(methods, method) ? methods[method] : undefined;
  if (!handler) {
    return {
      id,
      result: { ok: false, error: `method: unknown method "${method}"` },
    };
  }
  return { id, result: await handler(params) };
}

/** Serves LabApi on one connected socket until it closes. */
export function serveSocket(
  socket: WebSocket,
  methods: Readonly<Record<string, Handler>>,
  service: Pick<LabServiceLike, 'onRunEvent'>,
  log: Log,
): void {
  const send = (message: Reply | Push) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  const unsubscribe = service.onRunEvent((event) =>
    send({ event: 'run', data: event }),
  );
  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      send({ id: null, result: { ok: false, error: 'message: not text' } });
      return;
    }
    void answer(data.toString(), methods).then(send);
  });
  socket.on('close', unsubscribe);
  socket.on('error', (error) => log(`socket error: ${error.message}`));
}

/** Typed messages between extension pages and the worker. One map, checked senders. */
import type { MessageType, Protocol } from '../shared/messages';
import type { ContentRequest } from '../shared/types';
import { browser, type Runtime } from './browser';

export type { MessageType, Protocol };

interface Envelope<K extends MessageType = MessageType> {
  netwhy: 1;
  type: K;
  data: Protocol[K]['req'];
}

/** What a handler answers: its value, or why it failed (the error travels back to the sender and is rethrown). */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/** A message the worker could not answer: its handler failed, or no worker answered at all. */
export class MessageError extends Error {
  override name = 'MessageError';
}

/** The value of a reply, or the handler's error rethrown here; anything else is not an answer. */
export function unwrap<T>(type: string, reply: unknown): T {
  if (!reply || typeof reply !== 'object' || typeof (reply as Reply<T>).ok !== 'boolean') {
    throw new MessageError(`${type}: no answer from the extension's worker`);
  }
  const r = reply as Reply<T>;
  if (!r.ok) throw new MessageError(`${type}: ${r.error}`);
  return r.value;
}

/** A handler's outcome as a reply. */
export async function settle<T>(run: () => T | Promise<T>): Promise<Reply<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Asks the worker; rejects with a MessageError when its handler failed (instead of a null the types deny). */
export async function send<K extends MessageType>(type: K, data: Protocol[K]['req']): Promise<Protocol[K]['res']> {
  const envelope: Envelope<K> = { netwhy: 1, type, data };
  let reply: unknown;
  try {
    reply = await browser.runtime.sendMessage(envelope);
  } catch (err) {
    // Pages call the browser's own API: Chromium rejects when no worker answered ("Receiving end does not exist",
    // "The message port closed…"), where the polyfill resolved with nothing. Either way: no answer.
    throw new MessageError(
      `${type}: no answer from the extension's worker (${err instanceof Error ? err.message : err})`,
    );
  }
  return unwrap<Protocol[K]['res']>(type, reply);
}

export type Handlers = {
  [K in MessageType]: (
    data: Protocol[K]['req'],
    sender: Runtime.MessageSender,
  ) => Promise<Protocol[K]['res']> | Protocol[K]['res'];
};

/** Only the extension's own pages may talk to the worker: not web pages, not other extensions. */
export function fromOwnPage(sender: Runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id) return false;
  const origin = browser.runtime.getURL('');
  return typeof sender.url === 'string' && sender.url.startsWith(origin);
}

function isEnvelope(message: unknown): message is Envelope {
  return (
    !!message &&
    typeof message === 'object' &&
    (message as Envelope).netwhy === 1 &&
    typeof (message as Envelope).type === 'string'
  );
}

/** Page scripts may only ask to open netwhy's explanation; checked: this extension, a tab's top frame, the shape. */
export function listenContent(handler: (request: ContentRequest, tabId: number) => void): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    const m = message as ContentRequest | null;
    if (sender.id !== browser.runtime.id || sender.tab?.id === undefined || sender.frameId !== 0) return undefined;
    if (!m || m.netwhy !== 1 || m.kind !== 'content:open' || (m.what !== 'overlay' && m.what !== 'banner'))
      return undefined;
    handler({ netwhy: 1, kind: 'content:open', what: m.what }, sender.tab.id);
    return undefined;
  });
}

/** Answers through sendResponse (and `return true`): the one way every browser and the polyfill agree on. */
export function listen(handlers: Handlers): void {
  const listener = (
    message: unknown,
    sender: Runtime.MessageSender,
    sendResponse: (answer: unknown) => void,
  ): true | undefined => {
    if (!isEnvelope(message) || !fromOwnPage(sender)) return undefined;
    const handler = handlers[message.type] as ((d: unknown, s: Runtime.MessageSender) => unknown) | undefined;
    if (!handler) return undefined;
    void settle(() => handler(message.data ?? {}, sender)).then((reply) => {
      if (!reply.ok) console.warn('netwhy: message handler failed', message.type, reply.error);
      sendResponse(reply);
    });
    return true;
  };
  browser.runtime.onMessage.addListener(listener as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
}

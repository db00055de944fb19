/** Message replies say when a handler failed: the error travels back to the sender and is rethrown there. */
import { describe, expect, it } from 'vitest';

// Pages call the browser's own API (Chromium's `chrome`): what `send` gets from it is set per test.
let answer: () => Promise<unknown> = async () => undefined;
(globalThis as unknown as { chrome: unknown }).chrome = { runtime: { sendMessage: () => answer() } };
const { MessageError, send, settle, unwrap } = await import('../../../src/platform/messages');

describe('message replies', () => {
  it("carry a value, or the handler's error, never a null the types deny", async () => {
    expect(await settle(() => 42)).toEqual({ ok: true, value: 42 });
    expect(await settle(async () => null)).toEqual({ ok: true, value: null });
    expect(
      await settle(() => {
        throw new Error('storage refused the write');
      }),
    ).toEqual({ ok: false, error: 'storage refused the write' });
    expect(await settle(() => Promise.reject('quota'))).toEqual({ ok: false, error: 'quota' });
  });

  it("are unwrapped by the sender: the value, or a MessageError with the handler's words", () => {
    expect(unwrap('settings:get', { ok: true, value: { a: 1 } })).toEqual({ a: 1 });
    expect(() => unwrap('history:clear', { ok: false, error: 'storage refused the write' })).toThrow(
      new MessageError('history:clear: storage refused the write'),
    );
    for (const none of [undefined, null, 'x', { value: 1 }])
      expect(() => unwrap('tab:state', none)).toThrow(/no answer from the extension's worker/);
  });

  it("are sent with the browser's own API: its value, the handler's error, or no answer when nothing answered", async () => {
    answer = async () => ({ ok: true, value: [1] });
    expect(await send('history:list', {})).toEqual([1]);
    answer = async () => ({ ok: false, error: 'storage refused the write' });
    await expect(send('history:clear', {})).rejects.toThrow(
      new MessageError('history:clear: storage refused the write'),
    );
    // Chromium rejects where the polyfill resolved with nothing: both are "no answer", as a MessageError.
    answer = () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
    const err = await send('history:list', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MessageError);
    expect(String(err)).toMatch(/no answer from the extension's worker \(Could not establish connection/);
  });
});

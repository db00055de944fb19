/** Message replies say when a handler failed: the error travels back to the sender and is rethrown there. */
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: { runtime: {} } }));
const { MessageError, settle, unwrap } = await import('../../../src/platform/messages');

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
});

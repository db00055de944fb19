import { useState } from 'preact/hooks';
import { t } from '../../engine/i18n';

/**
 * Writes text that may still be on its way (a report the worker builds) within the click's user activation: a
 * ClipboardItem takes the promise, where writeText after an await may be refused as no longer user-initiated.
 */
async function writeClipboard(text: string | Promise<string>): Promise<void> {
  if (typeof text === 'string' || typeof ClipboardItem !== 'function' || !navigator.clipboard.write) {
    return navigator.clipboard.writeText(await text);
  }
  const blob = Promise.resolve(text).then((s) => new Blob([s], { type: 'text/plain' }));
  await navigator.clipboard.write([new ClipboardItem({ 'text/plain': blob })]);
}

/** A button that writes text to the clipboard and says whether it worked. `label` is already in the user's language. */
export function CopyButton(props: { text: () => string | Promise<string>; label: string; class?: string }) {
  const [state, setState] = useState<'idle' | 'done' | 'failed'>('idle');
  const copy = async () => {
    try {
      await writeClipboard(props.text());
      setState('done');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2000);
  };
  return (
    <button type="button" class={props.class} onClick={copy} aria-live="polite">
      {state === 'done' ? t('common_copied') : state === 'failed' ? t('common_copy_failed') : props.label}
    </button>
  );
}

import { useState } from 'preact/hooks';
import { t } from '../../engine/i18n';

/** A button that writes text to the clipboard and says whether it worked. `label` is already in the user's language. */
export function CopyButton(props: { text: () => string; label: string; class?: string }) {
  const [state, setState] = useState<'idle' | 'done' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text());
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

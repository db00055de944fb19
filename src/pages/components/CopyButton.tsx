import { Component } from 'preact';
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

/**
 * A button that writes text to the clipboard and says whether it worked. `label` is already in the user's language.
 * A class, not hooks: the explanation page has no other stateful component, and without hooks it loads 1.2 KB less.
 */
export class CopyButton extends Component<
  { text: () => string | Promise<string>; label: string; class?: string },
  { state: 'idle' | 'done' | 'failed' }
> {
  override state = { state: 'idle' as 'idle' | 'done' | 'failed' };

  private copy = async () => {
    try {
      await writeClipboard(this.props.text());
      this.setState({ state: 'done' });
    } catch {
      this.setState({ state: 'failed' });
    }
    setTimeout(() => this.setState({ state: 'idle' }), 2000);
  };

  override render() {
    const { state } = this.state;
    return (
      <button type="button" class={this.props.class} onClick={this.copy} aria-live="polite">
        {state === 'done' ? t('common_copied') : state === 'failed' ? t('common_copy_failed') : this.props.label}
      </button>
    );
  }
}

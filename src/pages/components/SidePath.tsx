import type { Verdict } from '../../engine/errors/types';
import { pointsToLabel } from '../../shared/words';

type Side = Exclude<Verdict, 'unknown'>;

/** Line icons (16×16, drawn in the text colour): a laptop, a wireless signal, a server. */
const ICONS: Record<Side, preact.JSX.Element> = {
  client: (
    <>
      <rect x="2.5" y="3" width="11" height="7.5" rx="1" />
      <path d="M1 13.25h14" />
    </>
  ),
  network: (
    <>
      <path d="M1.5 6.5Q8 1 14.5 6.5M4 9.5Q8 6 12 9.5" />
      <circle cx="8" cy="12.5" r="1" fill="currentColor" />
    </>
  ),
  server: (
    <>
      <rect x="2.5" y="2" width="11" height="5" rx="1" />
      <rect x="2.5" y="9" width="11" height="5" rx="1" />
      <path d="M5 4.5h.01M5 11.5h.01" stroke-width="2" stroke-linecap="round" />
    </>
  ),
};

/**
 * The path a page load takes — your device, your network, the site — with the part where the fault most likely lies
 * marked in its verdict colour and the link into it drawn broken. When the server is on this computer there is no
 * network in between: your device and your server only. A picture of what the verdict says in words next to it, so
 * it is hidden from screen readers (the verdict's text carries the same information). Never an alarm red.
 */
export function SidePath({
  verdict,
  local,
  hop,
}: {
  verdict: Verdict;
  local: boolean;
  hop?: { name: string } | undefined;
}) {
  const sides: Side[] = local ? ['client', 'server'] : ['client', 'network', 'server'];
  const parts = sides.flatMap((side, i) => [
    // The CDN or proxy that answered sits before the site's server: it was reached, the link after it is broken.
    ...(hop && side === 'server'
      ? [
          <span key="link-hop" class="link" />,
          <span key="hop" class="node hop" data-side="hop">
            <svg viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.5">
              {ICONS.server}
            </svg>
            <span class="label">{hop.name}</span>
          </span>,
        ]
      : []),
    ...(i > 0 ? [<span key={`link-${side}`} class={`link${verdict === side ? ' broken' : ''}`} />] : []),
    <span key={side} class={`node${verdict === side ? ` at verdict-${side}` : ''}`} data-side={side}>
      <svg viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.5">
        {ICONS[side]}
      </svg>
      <span class="label">{pointsToLabel(side, local)}</span>
    </span>,
  ]);
  return (
    <div class={`path fault-${verdict}`} data-fault={verdict} aria-hidden="true">
      {parts}
    </div>
  );
}

/**
 * iptables rules in the namespace's own netfilter tables (they exist only inside the private network namespace and
 * vanish with it; each rule added here is also deleted by dispose()).
 *
 *   const fw = firewall();
 *   fw.reject(8082);           // iptables -I INPUT -p tcp --dport 8082 -j REJECT --reject-with tcp-reset
 *   fw.drop(8083);             // iptables -I INPUT -p tcp --dport 8083 -j DROP
 *   fw.rules()                 // `iptables -S` as an admin would run it
 *   fw.dispose();
 *
 * Debian's iptables is iptables-nft (the nf_tables backend); it works the same inside the namespace.
 */
import { run } from './process';

export const IPTABLES = '/usr/sbin/iptables';

export interface Firewall {
  reject(port: number): void;
  drop(port: number): void;
  /** `iptables -S` (every rule, as iptables-save style lines). */
  rules(): string;
  dispose(): void;
}

function iptables(args: string[]): string {
  const r = run(IPTABLES, args);
  if (r.status !== 0) throw new Error(`iptables ${args.join(' ')} failed (${r.status}): ${r.stderr.trim()}`);
  return r.stdout;
}

export function firewall(): Firewall {
  const added: string[][] = [];
  const add = (rule: string[]): void => {
    iptables(['-I', ...rule]);
    added.push(rule);
  };
  return {
    reject: (port) =>
      add(['INPUT', '-p', 'tcp', '--dport', String(port), '-j', 'REJECT', '--reject-with', 'tcp-reset']),
    drop: (port) => add(['INPUT', '-p', 'tcp', '--dport', String(port), '-j', 'DROP']),
    rules: () => iptables(['-S']),
    dispose() {
      const errors: string[] = [];
      for (const rule of added.splice(0).reverse()) {
        try {
          iptables(['-D', ...rule]);
        } catch (err) {
          errors.push(String(err));
        }
      }
      if (errors.length) throw new Error(errors.join('\n'));
    },
  };
}

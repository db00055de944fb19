import type { Facts } from './facts';
import type { Command, CommandKind } from './types';
import { t } from './i18n';
import { redactUrl } from './url';

/**
 * POSIX shell quoting: bare when safe, single quotes otherwise. `[ ]` are glob characters (zsh: "no matches found").
 */
export function sh(value: string): string {
  return /^[A-Za-z0-9._:/@%+,-]+$/.test(value) && !value.startsWith('=') ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** PowerShell quoting: single quotes, each quote doubled (PowerShell also closes strings on ‘ ’ ‚ ‛). */
export function ps(value: string): string {
  return /^[A-Za-z0-9._:-]+$/.test(value) ? value : `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, '$&$&')}'`;
}

/** Confirm-commands for the given kinds, filled with the real host and port (never the query string). */
export function buildCommands(f: Facts, kinds: readonly CommandKind[]): Command[] {
  // A host starting with '-' would be read as an option (and no real name starts with one).
  if (!f.url.valid || !f.url.host || f.url.host.startsWith('-')) return [];
  const host = f.url.host;
  const port = f.url.port;
  const url = redactUrl(f.url.href);
  const out: Command[] = [];
  const add = (label: string, command: string, platform: Command['platform']) => out.push({ label, command, platform });
  /** Linux and macOS share most tools: one command for both. */
  const unix = (label: string, command: string) => {
    add(label, command, 'linux');
    add(label, command, 'macos');
  };
  const hostAndPort = `${f.url.ipFamily === 6 ? `[${host}]` : host}:${port}`;
  const listens = t(f.url.loopback ? 'cmd_listens' : 'cmd_listens_on_server', [port]);
  const open = t('cmd_port_open', [port]);

  for (const kind of kinds) {
    switch (kind) {
      case 'connect':
        add(t('cmd_try_curl'), `curl -v ${sh(url)}`, 'any');
        unix(open, `nc -vz ${sh(host)} ${port}`);
        add(open, `Test-NetConnection ${ps(host)} -Port ${port}`, 'windows');
        break;
      case 'listen':
        add(listens, `ss -ltnp 'sport = :${port}'`, 'linux');
        add(listens, `lsof -nP -iTCP:${port} -sTCP:LISTEN`, 'macos');
        add(listens, `netstat -ano | findstr :${port}`, 'windows');
        break;
      case 'route':
        if (f.url.loopback) break;
        unix(t('cmd_reachable'), `ping -c 4 ${sh(host)}`);
        add(t('cmd_reachable'), `ping ${ps(host)}`, 'windows');
        unix(t('cmd_path'), `traceroute ${sh(host)}`);
        add(t('cmd_path'), `tracert ${ps(host)}`, 'windows');
        break;
      case 'dns':
        if (f.url.ipFamily) break;
        add(t('cmd_lookup'), `nslookup ${sh(host)}`, 'any');
        unix(t('cmd_lookup_details'), `dig ${sh(host)}`);
        add(t('cmd_lookup_details'), `Resolve-DnsName ${ps(host)}`, 'windows');
        break;
      case 'tls':
        unix(t('cmd_tls'), `openssl s_client -connect ${sh(hostAndPort)} -servername ${sh(host)} </dev/null`);
        add(t('cmd_tls'), `curl.exe -vI ${ps(url)}`, 'windows');
        break;
      case 'http':
        add(t('cmd_http'), `curl -sS -D - -o /dev/null ${sh(url)}`, 'any');
        break;
      case 'service':
        // On the machine that runs the server: is the program still running, and why did it stop?
        add(t('cmd_service_status'), 'systemctl --failed; systemctl status nginx apache2', 'linux');
        add(t('cmd_service_log'), 'journalctl -e -u nginx -u apache2', 'linux');
        add(t('cmd_containers'), 'docker ps -a', 'any');
        add(t('cmd_service_status'), 'Get-Service | Where-Object Status -eq Stopped', 'windows');
        break;
      case 'cors': {
        // What the API answers to the page's origin: the preflight, then the request itself.
        const x = f.failure.cors;
        const from = x?.origin ?? 'http://localhost:5173';
        const method = x?.preflight?.method ?? x?.method ?? 'GET';
        const headers = x?.preflight?.headers.length
          ? ` -H ${sh(`Access-Control-Request-Headers: ${x.preflight.headers.join(', ')}`)}`
          : '';
        add(
          t('cmd_cors_preflight'),
          `curl -i -X OPTIONS -H ${sh(`Origin: ${from}`)} -H ${sh(`Access-Control-Request-Method: ${method}`)}${headers} ${sh(url)}`,
          'any',
        );
        add(t('cmd_cors_request'), `curl -i -H ${sh(`Origin: ${from}`)} ${sh(url)}`, 'any');
        break;
      }
      case 'firewall':
        // On the machine that runs the server: a rule that rejects or drops this port.
        add(t('cmd_firewall', [port]), `sudo iptables -S | grep -- '--dport ${port}'`, 'linux');
        add(t('cmd_firewall', [port]), `sudo nft list ruleset | grep -w ${port}`, 'linux');
        add(t('cmd_firewall', [port]), 'sudo ufw status', 'linux');
        add(t('cmd_firewall', [port]), 'sudo pfctl -sr', 'macos');
        add(
          t('cmd_firewall', [port]),
          `Get-NetFirewallPortFilter | Where-Object LocalPort -eq ${port} | Get-NetFirewallRule`,
          'windows',
        );
        break;
    }
  }
  // Drop exact duplicates (the same command may come from two kinds).
  return out.filter((c, i) => out.findIndex((d) => d.command === c.command && d.platform === c.platform) === i);
}

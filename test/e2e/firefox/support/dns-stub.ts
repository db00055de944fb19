/**
 * A stub DNS resolver on loopback for the Firefox suite, which runs in a private network namespace whose
 * /etc/resolv.conf says `nameserver 127.0.0.1` (scripts/firefox-netns.mjs). Every name Firefox (or anything else in
 * the namespace) looks up through the system resolver arrives here, is logged, and gets:
 * - the loopback address the test mapped it to (`hosts`), for A or AAAA as the address's family allows;
 * - NXDOMAIN for every other name: an unknown name fails the way a real one does, at once, with no outside resolver.
 *
 *   const dns = await startDnsStub({ hosts: { 'app.test': '127.0.0.1' } });
 *   dns.queries   // [{ name: 'no-such-host.example', type: 'A', answer: 'NXDOMAIN', time }]
 *   await dns.close();
 *
 * UDP only (answers are tiny and never truncated, so no resolver falls back to TCP).
 */
import dgram from 'node:dgram';

export interface DnsQuery {
  time: number;
  /** Lower-case, without the trailing dot. */
  name: string;
  /** 'A', 'AAAA', 'HTTPS', ... or `TYPE<n>`. */
  type: string;
  /** 'NXDOMAIN', 'NODATA', the address answered, or 'FORMERR'. */
  answer: string;
}

export interface DnsStub {
  readonly host: string;
  readonly port: number;
  readonly queries: readonly DnsQuery[];
  /** Names queried so far, in order of first query. */
  names(): string[];
  close(): Promise<void>;
}

export interface DnsStubOptions {
  /** Names answered with a loopback address; everything else is NXDOMAIN. */
  hosts?: Record<string, string>;
  /** Default 127.0.0.1:53, where the namespace's resolv.conf points. */
  host?: string;
  port?: number;
}

const TYPES: Record<number, string> = {
  1: 'A',
  5: 'CNAME',
  12: 'PTR',
  15: 'MX',
  16: 'TXT',
  28: 'AAAA',
  33: 'SRV',
  64: 'SVCB',
  65: 'HTTPS',
};

const isLoopback = (ip: string): boolean => /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip) || ip === '::1';

/** Reads the question's name starting at offset 12; returns the name and the offset after QTYPE/QCLASS. */
function readQuestion(msg: Buffer): { name: string; qtype: number; end: number } | null {
  let offset = 12;
  const labels: string[] = [];
  for (;;) {
    if (offset >= msg.length) return null;
    const len = msg[offset]!;
    if (len === 0) {
      offset++;
      break;
    }
    if (len > 63 || offset + 1 + len > msg.length) return null; // compression never appears in a question
    labels.push(msg.subarray(offset + 1, offset + 1 + len).toString('latin1'));
    offset += 1 + len;
  }
  if (offset + 4 > msg.length) return null;
  return { name: labels.join('.').toLowerCase(), qtype: msg.readUInt16BE(offset), end: offset + 4 };
}

function ipBytes(ip: string): Buffer {
  if (ip.includes(':')) {
    // Only ::1 is allowed here (loopback): 15 zero bytes and a one.
    const b = Buffer.alloc(16);
    b[15] = 1;
    return b;
  }
  return Buffer.from(ip.split('.').map(Number));
}

/** The response: same id and question, RD copied, RA set, with one answer or none. */
export function answerQuery(
  msg: Buffer,
  hosts: Record<string, string>,
): { reply: Buffer; query: Omit<DnsQuery, 'time'> } | null {
  if (msg.length < 12) return null;
  const id = msg.readUInt16BE(0);
  const flags = msg.readUInt16BE(2);
  if (flags & 0x8000) return null; // a response, not a query
  const rd = flags & 0x0100;
  const q = msg.readUInt16BE(4) === 1 ? readQuestion(msg) : null;
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  if (!q) {
    header.writeUInt16BE(0x8000 | rd | 0x0080 | 1, 2); // FORMERR
    return { reply: header, query: { name: '', type: '', answer: 'FORMERR' } };
  }
  const type = TYPES[q.qtype] ?? `TYPE${q.qtype}`;
  const question = msg.subarray(12, q.end);
  const mapped = hosts[q.name];
  const family = mapped === undefined ? null : mapped.includes(':') ? 28 : 1;
  let answer: Buffer | null = null;
  let rcode = 0;
  let label: string;
  if (mapped === undefined) {
    rcode = 3;
    label = 'NXDOMAIN';
  } else if (q.qtype === family) {
    const data = ipBytes(mapped);
    answer = Buffer.alloc(12 + data.length);
    answer.writeUInt16BE(0xc00c, 0); // pointer to the question's name
    answer.writeUInt16BE(q.qtype, 2);
    answer.writeUInt16BE(1, 4); // IN
    answer.writeUInt32BE(0, 6); // TTL 0: never cached across tests
    answer.writeUInt16BE(data.length, 10);
    data.copy(answer, 12);
    label = mapped;
  } else {
    label = 'NODATA';
  }
  header.writeUInt16BE(0x8000 | rd | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answer ? 1 : 0, 6);
  return {
    reply: Buffer.concat([header, question, ...(answer ? [answer] : [])]),
    query: { name: q.name, type, answer: label },
  };
}

export async function startDnsStub(opts: DnsStubOptions = {}): Promise<DnsStub> {
  const hosts: Record<string, string> = {};
  for (const [name, ip] of Object.entries(opts.hosts ?? {})) {
    if (!isLoopback(ip)) throw new Error(`dns stub: ${name} → ${ip}: only loopback targets are allowed in tests`);
    hosts[name.toLowerCase()] = ip;
  }
  const host = opts.host ?? '127.0.0.1';
  const queries: DnsQuery[] = [];
  const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  socket.on('message', (msg, rinfo) => {
    const r = answerQuery(msg, hosts);
    if (!r) return;
    queries.push({ time: Date.now(), ...r.query });
    socket.send(r.reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(opts.port ?? 53, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  socket.on('error', () => {});
  let closed = false;
  return {
    host,
    port: socket.address().port,
    queries,
    names: () => [...new Set(queries.map((q) => q.name))],
    close: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        closed = true;
        socket.close(() => resolve());
      }),
  };
}

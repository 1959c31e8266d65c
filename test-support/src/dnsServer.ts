import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';

/**
 * A DNS server on 127.0.0.1 (UDP) that answers TXT questions from records a
 * test sets, as a domain's DNS provider would: a name with no record is
 * NXDOMAIN, a name the test marks failing is SERVFAIL. Rolegraph asks it
 * when given `DNS_SERVERS=<address>`.
 */
export interface TestDnsServer {
  /** `127.0.0.1:<port>`, for DNS_SERVERS. */
  readonly address: string;
  /** Sets the TXT values of a name (replacing earlier ones); none removes it. */
  setTxt(name: string, ...values: string[]): void;
  /** From now on, questions for this name are answered SERVFAIL. */
  failFor(name: string): void;
  /** How many questions it has answered. */
  readonly questionsAnswered: number;
  stop(): Promise<void>;
}

const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3 } as const;

export async function startDnsServer(): Promise<TestDnsServer> {
  const records = new Map<string, string[]>();
  const failing = new Set<string>();
  let answered = 0;
  const socket = dgram.createSocket('udp4');
  socket.on('message', (message, remote) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    const name = question.name.toLowerCase();
    const values = records.get(name);
    const rcode = failing.has(name) ? RCODE.SERVFAIL : values ? RCODE.NOERROR : RCODE.NXDOMAIN;
    const answers: dnsPacket.Answer[] =
      rcode === RCODE.NOERROR && question.type === 'TXT' ? (values ?? []).map((value) => ({ type: 'TXT', name: question.name, ttl: 60, data: value })) : [];
    const response = dnsPacket.encode({
      id: query.id,
      type: 'response',
      // The response code is the flags' low four bits.
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | dnsPacket.AUTHORITATIVE_ANSWER | rcode,
      questions: [question],
      answers,
    });
    answered += 1;
    socket.send(response, remote.port, remote.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  return {
    address: `127.0.0.1:${socket.address().port}`,
    setTxt(name, ...values) {
      if (values.length) records.set(name.toLowerCase(), values);
      else records.delete(name.toLowerCase());
    },
    failFor(name) {
      failing.add(name.toLowerCase());
    },
    get questionsAnswered() {
      return answered;
    },
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

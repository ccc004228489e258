// The private engine's network namespace has no way out (that is its safety), so the
// host's resolver (e.g. 10.255.255.53 from /etc/resolv.conf) is unreachable there and
// every lookup Docker forwards would hang for 5–10 s. A tiny DNS server bound to the
// resolver's address *inside* the namespace answers NXDOMAIN at once, which is what the
// real resolver answered for container names (FACT 8), so outputs stay Docker's.

/** Source for `node -e`; argv: the IPv4 addresses to answer on (port 53, UDP). */
export const STUB_DNS_SOURCE = String.raw`
const dgram = require('node:dgram');
const addrs = process.argv.slice(1);
let ready = 0;
for (const addr of addrs) {
  const s = dgram.createSocket('udp4');
  s.on('message', (q, peer) => {
    if (q.length < 12) return;
    let i = 12;
    while (i < q.length && q[i] !== 0) i += q[i] + 1;
    i = Math.min(i + 5, q.length); // end of the (single) question: name, 0, type, class
    const a = Buffer.from(q.subarray(0, i));
    a[2] = 0x80 | (q[2] & 0x79); // response; keep opcode and RD
    a[3] = 0x83;                 // RA, rcode 3 = NXDOMAIN
    a.fill(0, 6, 12);            // no answer, authority or additional records
    s.send(a, peer.port, peer.address);
  });
  s.bind(53, addr, () => { if (++ready === addrs.length) console.log('ready'); });
}
process.on('SIGTERM', () => process.exit(0));
`;

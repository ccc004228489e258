// Probes from inside a network namespace without any tool in the user's image: the
// backend enters the namespace with `nsenter --net=…` and runs this small node program
// there (DNS query, TCP connect, HTTP GET), printing one JSON line. Ping uses the
// host's iputils `ping` the same way (ICMP needs a raw socket node does not have).

export type AgentRequest =
  | { op: 'dns'; server: string; name: string; timeoutMs: number }
  | { op: 'tcp'; address: string; port: number; timeoutMs: number }
  | { op: 'http'; address: string; port: number; path: string; host: string; timeoutMs: number };

export type AgentReply =
  | { op: 'dns'; rcode: number | null; addresses: string[]; error?: string }
  | { op: 'tcp'; result: 'connected' | 'refused' | 'timeout' | 'unreachable' | 'error'; message: string }
  | { op: 'http'; status: number | null; error?: string };

export const AGENT_SOURCE = String.raw`
const req = JSON.parse(process.argv[1]);
const out = (o) => { process.stdout.write(JSON.stringify(o) + '\n'); process.exit(0); };
if (req.op === 'dns') {
  const dgram = require('node:dgram');
  const id = Math.floor(Math.random() * 65535);
  const labels = req.name.replace(/\.$/, '').split('.').filter(Boolean);
  const parts = [Buffer.from([id >> 8, id & 255, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0])];
  for (const l of labels) parts.push(Buffer.from([Buffer.byteLength(l)]), Buffer.from(l));
  parts.push(Buffer.from([0, 0, 1, 0, 1]));
  const s = dgram.createSocket('udp4');
  const timer = setTimeout(() => out({ op: 'dns', rcode: null, addresses: [], error: 'timeout' }), req.timeoutMs);
  s.on('error', (e) => { clearTimeout(timer); out({ op: 'dns', rcode: null, addresses: [], error: e.message }); });
  s.on('message', (m) => {
    if (m.readUInt16BE(0) !== id) return;
    clearTimeout(timer);
    const rcode = m[3] & 15, an = m.readUInt16BE(6);
    const skip = (i) => { while (i < m.length) { const n = m[i]; if (n === 0) return i + 1; if ((n & 0xc0) === 0xc0) return i + 2; i += n + 1; } return i; };
    let i = skip(12) + 4;
    const addresses = [];
    for (let k = 0; k < an && i < m.length; k++) {
      i = skip(i);
      const type = m.readUInt16BE(i), len = m.readUInt16BE(i + 8);
      if (type === 1 && len === 4) addresses.push(Array.from(m.subarray(i + 10, i + 14)).join('.'));
      i += 10 + len;
    }
    out({ op: 'dns', rcode, addresses });
  });
  s.send(Buffer.concat(parts), 53, req.server);
} else if (req.op === 'tcp') {
  const net = require('node:net');
  const sock = net.connect({ host: req.address, port: req.port });
  sock.setTimeout(req.timeoutMs, () => { sock.destroy(); out({ op: 'tcp', result: 'timeout', message: 'no answer within ' + req.timeoutMs + ' ms' }); });
  sock.on('connect', () => { sock.destroy(); out({ op: 'tcp', result: 'connected', message: 'connected' }); });
  sock.on('error', (e) => {
    const result = e.code === 'ECONNREFUSED' ? 'refused' : e.code === 'ENETUNREACH' || e.code === 'EHOSTUNREACH' ? 'unreachable' : 'error';
    out({ op: 'tcp', result, message: e.code || e.message });
  });
} else if (req.op === 'http') {
  const http = require('node:http');
  const r = http.get({ host: req.address, port: req.port, path: req.path, headers: { host: req.host }, timeout: req.timeoutMs }, (res) => {
    res.resume();
    out({ op: 'http', status: res.statusCode });
  });
  r.on('timeout', () => { r.destroy(); out({ op: 'http', status: null, error: 'no answer within ' + req.timeoutMs + ' ms' }); });
  r.on('error', (e) => out({ op: 'http', status: null, error: e.code || e.message }));
}
`;

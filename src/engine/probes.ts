// Answers to the Backend's probes (src/backends/backend.ts), with the path the engine
// followed in words and, for a negative answer, its Cause.
import type { Answers, Cause, Explanation, ProbeKind, ProbeOf, ProbeOutcome } from '../backends/backend.js';
import type { Container } from './container.js';
import type { Controller } from './controller.js';
import { toIp } from './ipam.js';
import { serveOnce } from './lifecycle.js';
import { deliver, resolveName, type Source } from './reach.js';
import { namespaceOwner } from './views.js';
import { answerFileProbe } from './volumes/probe.js';
import { servedFile } from './volumes/http.js';

type Outcome<K extends ProbeKind> = ProbeOutcome<K>;
const answered = <K extends ProbeKind>(answer: Answers[K], steps: string[], cause?: Cause): Outcome<K> =>
  ({ status: 'answered', answer, why: cause ? { steps, cause } : { steps } as Explanation });

function sourceOf(ctrl: Controller, e: { kind: 'host' } | { kind: 'container'; name: string }): Source | { missing: string } {
  if (e.kind === 'host') return { kind: 'host' };
  const c = ctrl.namedContainer(e.name);
  return c ? { kind: 'container', container: c } : { missing: e.name };
}

/** The endpoint of C's namespace on NETWORK (or its first), following container: mode. */
function endpointOf(ctrl: Controller, c: Container, network: string | null) {
  const owner = namespaceOwner(ctrl, c);
  if (!c.running || !owner.running) return { steps: [`${c.name} is not running`], ep: null };
  const eps = owner.endpoints().filter((e) => e.ip !== null);
  if (network === null) return { steps: eps.length ? [] : [`${c.name} has no address (${owner.config.mode.kind} mode)`], ep: eps[0] ?? null };
  const n = ctrl.findNetwork(network);
  const ep = n ? eps.find((e) => e.network === n) ?? null : null;
  return { steps: ep ? [] : [n ? `${c.name} is not connected to ${network}` : `no network ${network}`], ep };
}

export function answerProbe<K extends ProbeKind>(ctrl: Controller, probe: ProbeOf<K>): Outcome<K> {
  // Each branch builds the answer of its own kind; TypeScript cannot narrow K from probe.kind.
  return answer(ctrl, probe as ProbeOf<ProbeKind>) as Outcome<K>;
}

function answer(ctrl: Controller, p: ProbeOf<ProbeKind>): Outcome<ProbeKind> {
  switch (p.kind) {
    case 'ping':
    case 'tcp':
    case 'http': {
      const src = sourceOf(ctrl, p.source);
      const empty = p.kind === 'ping' ? { reached: false, address: null } : p.kind === 'tcp' ? { connected: false, address: null } : { status: null };
      if ('missing' in src) return answered(empty, [`no container ${src.missing}`], 'no-such-container');
      let host: string;
      let port: number | null;
      let path = ''; // http: the URL's path, for the server's folder (the URL is parsed once)
      if (p.kind === 'http') {
        const url = new URL(p.url.includes('://') ? p.url : `http://${p.url}`);
        host = url.hostname.replace(/^\[(.*)\]$/, '$1'); // an IPv6 host keeps its brackets in URL
        port = url.port === '' ? 80 : Number(url.port);
        path = url.pathname;
      } else {
        host = p.target;
        port = p.kind === 'tcp' ? p.port : null;
      }
      const r = resolveName(ctrl, src, host);
      if (r.addresses.length === 0) return answered(empty, r.steps, r.cause ?? 'name-not-resolvable');
      const address = r.addresses[0];
      const d = deliver(ctrl, src, address, port, 'tcp');
      const steps = [...(r.via === 'none' ? [] : r.steps), ...d.steps];
      if (p.kind === 'ping') return answered({ reached: d.result === 'ok', address }, steps, d.result === 'ok' ? undefined : d.cause);
      if (p.kind === 'tcp') {
        // The probe connects and closes, sending nothing: a one-connection server has had its one.
        if (d.result === 'ok' && d.server?.listen.once) serveOnce(ctrl, d.server.container, '');
        return answered({ connected: d.result === 'ok', address }, steps, d.result === 'ok' ? undefined : d.cause);
      }
      if (d.result !== 'ok') return answered({ status: null }, steps, d.cause);
      if (d.frozen) return answered({ status: null }, [...steps, 'no HTTP answer: the server is paused'], 'container-not-running');
      if (!d.http) return answered({ status: null }, [...steps, 'the listener does not speak HTTP'], 'http-error');
      const served = p.kind === 'http' ? servedFile(ctrl, address, port ?? 80, path) : null;
      if (served && served.status !== 200) return answered({ status: served.status }, [...steps, `HTTP/1.1 ${served.status}: no such file in the server's folder`], 'http-error');
      return answered({ status: 200 }, [...steps, 'HTTP/1.1 200 OK']);
    }
    case 'resolve': {
      const src = sourceOf(ctrl, p.source);
      if ('missing' in src) return answered({ addresses: [] }, [`no container ${src.missing}`], 'no-such-container');
      const r = resolveName(ctrl, src, p.name);
      return answered({ addresses: r.addresses }, r.steps, r.addresses.length ? undefined : r.cause ?? 'name-not-resolvable');
    }
    case 'ip':
    case 'mac':
    case 'containerGateway': {
      const c = ctrl.namedContainer(p.container);
      const none = p.kind === 'ip' ? { address: null, exists: false } : p.kind === 'mac' ? { mac: null, exists: false } : { gateway: null, exists: false };
      if (!c) return answered(none, [`no container ${p.container}`], 'no-such-container');
      const { steps, ep } = endpointOf(ctrl, c, p.network);
      const cause: Cause | undefined = ep ? undefined : !c.running ? 'container-not-running' : p.network ? 'not-connected' : undefined;
      if (p.kind === 'ip') return answered({ address: ep?.ip ?? null, exists: true }, steps, cause);
      if (p.kind === 'mac') return answered({ mac: ep?.mac ?? null, exists: true }, steps, cause);
      const gw = ep?.network.space ? toIp(ep.network.space.gateway) : null;
      return answered({ gateway: gw, exists: true }, steps, cause);
    }
    case 'network': {
      const n = ctrl.findNetwork(p.network);
      if (!n) return answered({ exists: false, subnet: null, gateway: null }, [`no network ${p.network}`], 'no-such-network');
      return answered({ exists: true, subnet: n.config.userSubnet ?? n.subnet?.text ?? null, gateway: n.space ? toIp(n.space.gateway) : null }, []);
    }
    case 'container': {
      const c = ctrl.namedContainer(p.container);
      if (!c) return answered({ state: 'removed', exitCode: null }, [`no container ${p.container}`]);
      const state = c.status === 'removing' || c.status === 'dead' ? 'exited' : c.status;
      // The exit code of the last exit; a Created container that failed to start reads 128 (FACT 65).
      const exitCode = c.status === 'exited' || (c.status === 'created' && c.exitCode !== 0) ? c.exitCode : null;
      return answered({ state, exitCode }, []);
    }
    case 'port': {
      const c = ctrl.namedContainer(p.container);
      if (!c) return answered({ bindings: [], exists: false }, [`no container ${p.container}`], 'no-such-container');
      const bindings = c.running ? (c.bindings.get(`${p.port}/${p.proto}`) ?? []) : [];
      return answered({ bindings: bindings.map((b) => ({ hostIp: b.hostIp, hostPort: b.hostPort })), exists: true },
        bindings.length ? [] : [`${p.port}/${p.proto} of ${c.name} is not published`], bindings.length ? undefined : 'port-not-published');
    }
    case 'file':
      return answerFileProbe(ctrl, p.container, p.path);
  }
}

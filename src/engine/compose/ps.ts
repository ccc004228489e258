// `ps`: v1 prints Compose 1.29's texttable (FACT 105: Name, Command, State, Ports;
// headers centred, columns 3 spaces apart, every cell padded); v2 a docker-style table.
import type { CommandResult } from '../../backends/backend.js';
import type { Container } from '../container.js';
import { displayablePorts, portsOf } from '../format/ports.js';
import { ellipsis, psStatus } from '../format/ps.js';
import { tabwrite } from '../format/tabwriter.js';
import { containerView } from '../views.js';
import { isOneOff, servicesContainers, LABEL, type ComposeContext } from './context.js';

function command(c: Container): string {
  return [...c.config.entrypoint, ...c.config.cmd].join(' ');
}

/** Compose's truncate_string: over 30 characters → the first 26 and ' ...'. */
const truncate = (s: string, max = 30): string => (s.length > max ? `${s.slice(0, max - 4)} ...` : s);

function state(c: Container): string {
  if (c.status === 'paused') return 'Paused';
  return c.running ? 'Up' : `Exit ${c.exitCode}`;
}

/** human_readable_ports: per port, its bindings joined by ','; ports sorted as strings, joined by ', '. */
function ports(cx: ComposeContext, c: Container): string {
  // Compose reads NetworkSettings.Ports, which is {} for a container that is not running.
  if (!c.running) return '';
  const view = containerView(cx.ctrl, c);
  const entries = view.ports.map((p) => [`${p.containerPort}/${p.proto}`, p.bindings] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.map(([key, bindings]) => (bindings.length === 0 ? key : bindings.map((b) => `${b.hostIp}:${b.hostPort}->${key}`).join(','))).join(', ');
}

/** Python texttable with HEADER decoration only. */
export function texttable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const centre = (s: string, w: number): string => ' '.repeat(Math.floor((w - s.length) / 2)) + s + ' '.repeat(Math.ceil((w - s.length) / 2));
  const lines = [header.map((h, i) => centre(h, widths[i])).join('   '), widths.map((w) => '-'.repeat(w)).join('---'),
    ...rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('   '))];
  return lines.map((l) => `${l}\n`).join('');
}

export function composePs(cx: ComposeContext, o: { quiet: boolean; services: boolean; all: boolean; only: readonly string[] }): CommandResult {
  if (o.services) return { stdout: cx.project.services.map((s) => `${s.name}\n`).join(''), stderr: '', exitCode: 0 };
  // Compose 1.29 lists the services' containers and the one-off containers that run.
  let containers = servicesContainers(cx, o.only).filter((c) => !isOneOff(c) || c.running);
  if (cx.naming.flavour === 'v2' && !o.all) containers = containers.filter((c) => c.running);
  containers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (o.quiet) return { stdout: containers.map((c) => `${c.id}\n`).join(''), stderr: '', exitCode: 0 };
  if (cx.naming.flavour === 'v1') {
    return { stdout: texttable(['Name', 'Command', 'State', 'Ports'], containers.map((c) => [c.name, truncate(command(c)), state(c), ports(cx, c)])), stderr: '', exitCode: 0 };
  }
  const lines = ['NAME\tIMAGE\tCOMMAND\tSERVICE\tCREATED\tSTATUS\tPORTS'];
  for (const c of containers) {
    const view = containerView(cx.ctrl, c);
    lines.push([c.name, c.config.imageRef, `"${ellipsis(command(c), 20)}"`, c.config.labels[LABEL.service], 'Less than a second ago',
      psStatus(view), displayablePorts(portsOf(view))].join('\t'));
  }
  return { stdout: tabwrite(lines.join('\n') + '\n'), stderr: '', exitCode: 0 };
}

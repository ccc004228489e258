// What an HTTP server in a container serves for a path: BusyBox `httpd -h DIR` (the
// nginx stand-in) answers from DIR as the container sees it — so a file another
// container wrote into a shared volume is served (the "genid" exercise) — or 404.
import { posix } from 'node:path';
import type { Container } from '../container.js';
import type { Controller } from '../controller.js';
import { containerFiles } from './filesystem.js';

const NOT_FOUND = '<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n';

/** The container that answers address:port (its own address, or a port it publishes). */
function server(ctrl: Controller, address: string, port: number): { c: Container; port: number } | null {
  for (const n of ctrl.networks()) {
    const ep = n.endpointByIp(address);
    const c = ep && ctrl.containerById(ep.containerId);
    if (c) return { c, port };
  }
  const owner = ctrl.ports.ownerOf(address, 'tcp', port);
  const c = owner && ctrl.containerById(owner.owner);
  if (!c) return null;
  if (owner.via === 'host-mode') return { c, port };
  const binding = [...c.bindings.entries()].find(([, bs]) => bs.some((b) => b.hostPort === port));
  return binding ? { c, port: Number(binding[0].split('/')[0]) } : null;
}

/** BusyBox httpd's Content-type by the file's extension (its built-in table, the common part). */
const MIME: Record<string, string> = {
  '.html': 'text/html', '.htm': 'text/html', '.txt': 'text/plain', '.css': 'text/css', '.js': 'application/javascript',
  '.json': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml',
};

/**
 * The response headers BusyBox httpd sends with a file (what `wget -S` prints). The
 * simulator keeps no file times: Date, Last-Modified and the ETag's first part are the
 * clock's now (a differential run masks them).
 */
export function httpdHeaders(ctrl: Controller, file: string, body: string): string[] {
  const now = ctrl.clock.nowMs();
  const date = new Date(now).toUTCString();
  const size = Buffer.byteLength(body);
  return [`Date: ${date}`, 'Connection: close', `Content-type: ${MIME[posix.extname(file).toLowerCase()] ?? 'application/octet-stream'}`,
    'Accept-Ranges: bytes', `Last-Modified: ${date}`, `ETag: "${Math.floor(now / 1000).toString(16)}-${size.toString(16)}"`, `Content-Length: ${size}`];
}

/** The status and body for GET path, or null when the server is not one whose files the simulator knows. */
export function servedFile(ctrl: Controller, address: string, port: number, path: string): { status: number; body: string; file: string } | null {
  const found = server(ctrl, address, port);
  if (!found) return null;
  const argv = [...found.c.config.entrypoint, ...found.c.config.cmd];
  if (posix.basename(argv[0] ?? '') !== 'httpd') return null;
  const p = argv.indexOf('-p');
  if (p >= 0 && Number(argv[p + 1]) !== found.port) return null;
  const h = argv.indexOf('-h');
  const root = h >= 0 ? argv[h + 1] : found.c.config.workdir || '/';
  const clean = posix.normalize(`/${(path.split('?')[0] || '/')}`);
  const file = posix.join(root, clean.endsWith('/') ? `${clean}index.html` : clean);
  const body = containerFiles(ctrl, found.c).read(file);
  return body === null ? { status: 404, body: NOT_FOUND, file } : { status: 200, body, file };
}

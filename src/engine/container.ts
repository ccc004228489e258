// A container as the daemon keeps it: its configuration (what `docker create` was told),
// its network attachments (which survive stop; the Endpoint exists only while running,
// FACT 15), and its state.
import type { ImageSpec } from './images/catalog.js';
import type { ContainerStatus, LogLine, PortRequestView, Proto, PortBindingView } from './model.js';
import type { Endpoint } from './network.js';

export type NetMode =
  | { kind: 'bridge'; explicit: boolean } // the default bridge; explicit: `--net bridge`
  | { kind: 'network'; name: string }
  | { kind: 'host' }
  | { kind: 'none' }
  | { kind: 'container'; targetId: string };

/** A container's membership of a network (NetworkSettings.Networks entry). */
export interface Attachment {
  networkId: string;
  /** User aliases (--network-alias / connect --alias), in the order given. */
  aliases: string[];
  /** --ip / connect --ip: the address this container asks for. */
  requestedIp: string | null;
  /** Joined through `docker network connect`: inspect shows IPAMConfig/DriverOpts as {} (FACT 85). */
  viaConnect: boolean;
  /** The live endpoint while the container runs. */
  endpoint: Endpoint | null;
}

export interface LinkSpec {
  targetId: string;
  alias: string;
}

export interface ContainerConfig {
  imageRef: string;
  image: ImageSpec | null;
  cmd: string[];
  entrypoint: string[];
  env: string[];
  labels: Record<string, string>;
  workdir: string;
  user: string;
  tty: boolean;
  openStdin: boolean;
  autoRemove: boolean;
  restart: string;
  hostname: string | null;
  domainname: string;
  extraHosts: string[];
  dns: string[];
  mode: NetMode;
  portRequests: PortRequestView[];
  exposed: Array<{ port: number; proto: Proto }>;
  links: LinkSpec[];
  macAddress: string | null;
}

export class Container {
  name: string;
  status: ContainerStatus = 'created';
  exitCode = 0;
  error = '';
  startedAt = '0001-01-01T00:00:00Z';
  finishedAt = '0001-01-01T00:00:00Z';
  pid = 0;
  readonly attachments: Attachment[] = [];
  /** Active host bindings, per `port/proto` (FACT 66: IPv4 then IPv6). */
  bindings = new Map<string, PortBindingView[]>();
  readonly logs: LogLine[] = [];
  /** /etc/resolv.conf points at 127.0.0.11 once the container joined a user network (FACT 86: it stays). */
  usesEmbeddedDns = false;
  /** /etc/hosts lines written at start for links (FACT 50). */
  linkHosts: Array<{ ip: string; names: string[] }> = [];
  linkEnv: string[] = [];
  /** Containers running in this one's namespace (--net=container:THIS). */
  readonly sharers = new Set<string>();
  /** Containers linking to this one: their ID → link alias (for `docker ps` names, FACT 52). */
  readonly linkedBy = new Map<string, string>();

  constructor(
    readonly id: string,
    name: string,
    readonly config: ContainerConfig,
    readonly created: string,
    readonly seq: number,
  ) {
    this.name = name;
  }

  get running(): boolean {
    return this.status === 'running' || this.status === 'paused';
  }

  /** The hostname inside: --hostname, else the short ID (FACT 5). */
  get hostname(): string {
    return this.config.hostname ?? this.id.slice(0, 12);
  }

  endpoints(): Endpoint[] {
    return this.attachments.flatMap((a) => (a.endpoint ? [a.endpoint] : []));
  }

  log(stream: 'stdout' | 'stderr', text: string): void {
    if (text !== '') this.logs.push({ stream, text });
  }
}

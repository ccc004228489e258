// `docker inspect` / `docker network inspect` as typed values: only the fields the
// probes read, all optional because Docker omits or nulls them depending on state.
import { DOCKER_BIN } from './host.js';
import type { Spawner } from './proc.js';

export interface EndpointSettings {
  NetworkID?: string;
  IPAddress?: string;
  Gateway?: string;
  MacAddress?: string;
  IPPrefixLen?: number;
  GlobalIPv6Address?: string;
  IPv6Gateway?: string;
  Aliases?: string[] | null;
}

export interface ContainerJSON {
  Id: string;
  Name: string;
  State: { Status: string; Running: boolean; Paused: boolean; Pid: number; ExitCode: number };
  HostsPath?: string;
  ResolvConfPath?: string;
  HostConfig: { NetworkMode?: string; Links?: string[] | null };
  Config: { Labels?: Record<string, string> | null; Hostname?: string };
  NetworkSettings: EndpointSettings & {
    Networks?: Record<string, EndpointSettings> | null;
    Ports?: Record<string, Array<{ HostIp: string; HostPort: string }> | null> | null;
  };
}

export interface NetworkJSON {
  Id: string;
  Name: string;
  Driver: string;
  IPAM: { Config?: Array<{ Subnet?: string; Gateway?: string }> | null };
  Labels?: Record<string, string> | null;
  Containers?: Record<string, unknown> | null;
}

export class Inspector {
  constructor(private readonly spawner: Spawner, private readonly env: NodeJS.ProcessEnv) {}

  async docker(args: string[], timeoutMs = 30_000): Promise<{ stdout: string; stderr: string; exitCode: number }> {
    return this.spawner(DOCKER_BIN, args, { env: this.env, timeoutMs });
  }

  /** Containers by name or ID; missing ones are left out (docker prints the found ones). */
  async containers(refs: string[]): Promise<ContainerJSON[]> {
    if (refs.length === 0) return [];
    const r = await this.docker(['container', 'inspect', ...refs]);
    return parseArray<ContainerJSON>(r.stdout);
  }

  async container(ref: string): Promise<ContainerJSON | null> {
    return (await this.containers([ref]))[0] ?? null;
  }

  /**
   * The container a scenario names: by its name, or an ID of 12 digits or more. `docker
   * inspect e5` also finds a container whose random ID begins with e5, which would make
   * `expect container e5 is removed` fail now and then (the simulator looks the same way).
   */
  async named(ref: string): Promise<ContainerJSON | null> {
    const c = await this.container(ref);
    return c && (c.Name === `/${ref.replace(/^\//, '')}` || (ref.length >= 12 && c.Id.startsWith(ref))) ? c : null;
  }

  async networks(refs: string[]): Promise<NetworkJSON[]> {
    if (refs.length === 0) return [];
    const r = await this.docker(['network', 'inspect', ...refs]);
    return parseArray<NetworkJSON>(r.stdout);
  }

  async network(ref: string): Promise<NetworkJSON | null> {
    // `network inspect` matches ID prefixes too; a probe names a network exactly.
    const found = (await this.networks([ref]))[0] ?? null;
    return found && (found.Name === ref || found.Id.startsWith(ref)) ? found : null;
  }

  /** IDs of every container (filters: docker's `--filter` words). */
  async containerIds(filters: string[] = []): Promise<string[]> {
    const r = await this.docker(['ps', '-aq', '--no-trunc', ...filters.flatMap((f) => ['--filter', f])]);
    return lines(r.stdout);
  }

  async networkIds(filters: string[] = []): Promise<string[]> {
    const r = await this.docker(['network', 'ls', '-q', '--no-trunc', ...filters.flatMap((f) => ['--filter', f])]);
    return lines(r.stdout);
  }
}

export const lines = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter(Boolean);

function parseArray<T>(text: string): T[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

/** The namespace a container's processes live in, when it runs. */
export const netnsOf = (c: ContainerJSON): string | null =>
  c.State.Running && c.State.Pid > 0 ? `/proc/${c.State.Pid}/ns/net` : null;

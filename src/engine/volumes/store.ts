// The daemon's volumes (the `local` driver) and what each container has mounted. A
// volume's data is a map path → content that outlives every container using it; a bind
// mount reads and writes the (simulated) host's files. Which containers use a volume is
// read from the mount table, checked against the live containers (a removed container
// holds nothing), so the engine core needs no hook on removal.
import { createHash } from 'node:crypto';

export interface Volume {
  name: string;
  driver: 'local';
  labels: Record<string, string>;
  options: Record<string, string>;
  created: string;
  /** Created for a `-v /path` / VOLUME without a name: removed by `rm -v` / `--rm`. */
  anonymous: boolean;
  /** Relative path inside the volume → content. */
  files: Map<string, string>;
}

/** Where the local driver keeps a volume's data on the host (`Mountpoint`, a mount's `Source`). */
export const volumeMountpoint = (name: string): string => `/var/lib/docker/volumes/${name}/_data`;

export type Mount =
  | { type: 'volume'; name: string; destination: string; readOnly: boolean }
  | { type: 'bind'; source: string; destination: string; readOnly: boolean };

export class VolumeStore {
  private readonly volumes = new Map<string, Volume>();
  private readonly mounts = new Map<string, Mount[]>();
  /** Files each container wrote outside its mounts (its writable layer). */
  private readonly layers = new Map<string, Map<string, string>>();
  /** The host's files, as bind mounts see them (absolute path → content). */
  readonly hostFiles = new Map<string, string>();
  private anonymousSeq = 0;

  get(name: string): Volume | undefined {
    return this.volumes.get(name);
  }

  list(): Volume[] {
    return [...this.volumes.values()];
  }

  /** `docker volume create`: creating an existing volume returns it (Docker does the same). */
  create(name: string | null, created: string, labels: Record<string, string> = {}, options: Record<string, string> = {}): Volume {
    const existing = name === null ? undefined : this.volumes.get(name);
    if (existing) return existing;
    const actual = name ?? createHash('sha256').update(`volume:${++this.anonymousSeq}`).digest('hex');
    const volume: Volume = { name: actual, driver: 'local', labels, options, created, anonymous: name === null, files: new Map() };
    this.volumes.set(actual, volume);
    return volume;
  }

  delete(name: string): void {
    this.volumes.delete(name);
  }

  mount(containerId: string, mounts: Mount[]): void {
    // Nearly every container mounts nothing: no entry (mountsOf answers [] all the same).
    if (mounts.length === 0) return;
    this.mounts.set(containerId, [...(this.mounts.get(containerId) ?? []), ...mounts]);
  }

  mountsOf(containerId: string): Mount[] {
    return this.mounts.get(containerId) ?? [];
  }

  layer(containerId: string): Map<string, string> {
    let l = this.layers.get(containerId);
    if (!l) this.layers.set(containerId, (l = new Map()));
    return l;
  }

  /** IDs of the containers (among `alive`) that mount this volume. */
  users(name: string, alive: (id: string) => boolean): string[] {
    return [...this.mounts.entries()]
      .filter(([id, ms]) => alive(id) && ms.some((m) => m.type === 'volume' && m.name === name))
      .map(([id]) => id);
  }

  /** A container is gone: forget its mounts and layer; `removeAnonymous` for `rm -v`. */
  forget(containerId: string, removeAnonymous: boolean, alive: (id: string) => boolean): void {
    const mine = this.mounts.get(containerId) ?? [];
    this.mounts.delete(containerId);
    this.layers.delete(containerId);
    if (!removeAnonymous) return;
    for (const m of mine) {
      if (m.type === 'volume' && this.volumes.get(m.name)?.anonymous && this.users(m.name, alive).length === 0) this.volumes.delete(m.name);
    }
  }
}

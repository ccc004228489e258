// On a shared engine, which objects are this run's: labelled with its run ID (injected
// into run/create/network create/volume create) or belonging to a compose project it
// brought up. On the private engine everything is the run's: the daemon started empty.
import type { ContainerJSON, Inspector, NetworkJSON } from './inspect.js';
import { RUN_LABEL } from './track.js';

const COMPOSE_PROJECT = 'com.docker.compose.project';

export class Ownership {
  readonly composeProjects = new Set<string>();
  readonly images = new Set<string>();
  readonly volumes = new Set<string>();

  constructor(readonly runId: string, private readonly inspector: Inspector, readonly everything: boolean) {}

  ownsLabels(labels: Record<string, string> | null | undefined): boolean {
    if (this.everything) return true;
    if (!labels) return false;
    return labels[RUN_LABEL] === this.runId || this.composeProjects.has(labels[COMPOSE_PROJECT] ?? '\0');
  }

  private filters(): string[][] {
    return [[`label=${RUN_LABEL}=${this.runId}`], ...[...this.composeProjects].map((p) => [`label=${COMPOSE_PROJECT}=${p}`])];
  }

  async containerIds(): Promise<string[]> {
    if (this.everything) return this.inspector.containerIds();
    const ids = await Promise.all(this.filters().map((f) => this.inspector.containerIds(f)));
    return [...new Set(ids.flat())];
  }

  async networkIds(): Promise<string[]> {
    if (this.everything) {
      // The predefined three are the daemon's own; everything else the scenario made.
      const all = await this.inspector.networks(await this.inspector.networkIds());
      return all.filter((n) => !['bridge', 'host', 'none'].includes(n.Name)).map((n) => n.Id);
    }
    const ids = await Promise.all(this.filters().map((f) => this.inspector.networkIds(f)));
    return [...new Set(ids.flat())];
  }

  async containers(): Promise<ContainerJSON[]> {
    return this.inspector.containers(await this.containerIds());
  }

  /** Networks the run created, and the others its containers use (only their gateways are fair game). */
  async networks(containers: ContainerJSON[]): Promise<{ owned: NetworkJSON[]; used: NetworkJSON[] }> {
    if (this.everything) {
      const all = await this.inspector.networks(await this.inspector.networkIds());
      return { owned: all, used: [] };
    }
    const owned = await this.inspector.networks(await this.networkIds());
    const ownedIds = new Set(owned.map((n) => n.Id));
    const usedIds = new Set<string>(['bridge']);
    for (const c of containers) {
      for (const ep of Object.values(c.NetworkSettings.Networks ?? {})) if (ep.NetworkID && !ownedIds.has(ep.NetworkID)) usedIds.add(ep.NetworkID);
    }
    return { owned, used: await this.inspector.networks([...usedIds]) };
  }
}

// How the two Compose generations name things. v1 (docker-compose 1.29, FACTS 105–112):
// `proj_svc_1`, networks and volumes `proj_key`. v2 (`docker compose`): containers
// `proj-svc-1`, networks and volumes still `proj_key`. The project name: `-p`, else
// COMPOSE_PROJECT_NAME (environment.ts), else the basename of the project's folder (the
// scenario's folder, `--project-directory`, or the first file's; the docker backend names
// its temporary working folder the same), normalised as each generation does.
import { posix } from 'node:path';
import type { NetworkModel, VolumeModel } from './model.js';

export type Flavour = 'v1' | 'v2';

/** Labels' com.docker.compose.version. v1 is the recorded one (FACT 106). */
export const COMPOSE_VERSION: Readonly<Record<Flavour, string>> = { v1: '1.29.2', v2: '2.24.6' };

export function normaliseProject(name: string, flavour: Flavour): string {
  const lower = name.toLowerCase();
  return flavour === 'v1' ? lower.replace(/[^-_a-z0-9]/g, '') : lower.replace(/[^-_a-z0-9]/g, '').replace(/^[-_]+/, '');
}

/** The project name: -p or COMPOSE_PROJECT_NAME, else the project's folder (absolute). */
export function projectName(flavour: Flavour, given: string | undefined, projectDir: string): string {
  return normaliseProject(given ?? posix.basename(projectDir), flavour);
}

export class Naming {
  constructor(readonly flavour: Flavour, readonly project: string) {}

  get separator(): string {
    return this.flavour === 'v1' ? '_' : '-';
  }

  container(service: string, n: number): string {
    return [this.project, service, String(n)].join(this.separator);
  }

  /** The image compose builds for a service without `image:`. */
  builtImage(service: string): string {
    return `${this.project}${this.separator}${service}`;
  }

  network(n: NetworkModel): string {
    if (n.name !== null) return n.name;
    return n.external ? n.key : `${this.project}_${n.key}`;
  }

  volume(v: VolumeModel): string {
    if (v.name !== null) return v.name;
    return v.external ? v.key : `${this.project}_${v.key}`;
  }

  get version(): string {
    return COMPOSE_VERSION[this.flavour];
  }
}

// The image catalog: what the engine knows about an image (command, exposed and
// listening ports, required environment, tools). The facts live in catalog.json; this
// module only normalises references ("nginx", "docker.io/library/nginx:latest").
import { readFileSync } from 'node:fs';

export interface ListenSpec {
  port: number;
  proto: 'tcp' | 'udp';
  http: boolean;
  /** Serves one connection, then the process exits 0 (BusyBox `nc -l`, without `-ll … -e`). */
  once?: boolean;
  /** nc's `-e PROG`: the connection is PROG's stdin and stdout, not nc's own output. */
  program?: string;
}

export interface ImageSpec {
  /** Normalised reference: 'nginx:latest'. */
  ref: string;
  /** Bytes, as the stand-in built by scripts/docker/build-images.sh measures (`Size`). */
  size: number;
  cmd: string[];
  entrypoint: string[];
  workdir: string;
  expose: string[];
  env: string[];
  /** USER of a built image ('' or absent: root). */
  user?: string;
  /** LABELs of a built image (the catalog's stand-ins have none). */
  labels?: Record<string, string>;
  /** 'service': runs until stopped; 'shell': exits at once without -i/-t. */
  behaviour: 'service' | 'shell';
  listens: ListenSpec[];
  requiredEnv?: { anyOf: string[]; stderr: string; exitCode: number };
  startLog?: string;
  /** What the service prints when its port is taken (host mode). */
  bindError?: string;
  /** null: every BusyBox applet. */
  tools: string[] | null;
  standIn: boolean;
  /** A stand-in's tree as build_images.sh makes it: folders end in '/', relative to `/`. */
  rootfs?: string[];
  page?: string;
}

type CatalogFile = { images: Record<string, Omit<ImageSpec, 'ref'>> };

// The build copies data files beside the compiled modules (scripts/copy-data.mjs).
const catalog: CatalogFile = JSON.parse(readFileSync(new URL('./catalog.json', import.meta.url), 'utf8')) as CatalogFile;

/** Every catalog reference ('nginx:latest', …): the images "present locally". */
export function catalogRefs(): string[] {
  return Object.keys(catalog.images);
}

/** 'nginx' → 'nginx:latest'; strips docker.io/library/. */
// Every `docker run` normalises its image reference (twice: the store, then the
// catalog), and a suite names the same few images: each text is worked out once.
// Bounded, as the engine's other per-process caches, for long --watch sessions.
const normalised = new Map<string, string>();

export function normaliseRef(ref: string): string {
  let r = normalised.get(ref);
  if (r === undefined) {
    r = ref.replace(/^(docker\.io\/)?(library\/)?/, '');
    const lastSlash = r.lastIndexOf('/');
    if (!r.slice(lastSlash + 1).includes(':') && !r.includes('@')) r = `${r}:latest`;
    if (normalised.size >= 10_000) normalised.clear();
    normalised.set(ref, r);
  }
  return r;
}

/** The image, when it is "present locally"; undefined otherwise. */
export function findImage(ref: string): ImageSpec | undefined {
  const key = normaliseRef(ref);
  const spec = catalog.images[key];
  return spec ? { ref: key, ...spec } : undefined;
}

/** The name `docker ps` shows: as the user typed it. */
export function imageDisplayName(ref: string): string {
  return ref;
}

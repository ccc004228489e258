// A compose project as the simulator runs it: services, networks and volumes after the
// file passed the schema checks (schema.ts). Plain data; names are the compose file's
// keys, Docker names are computed by naming.ts.

export interface ServiceNetwork {
  /** The key under top-level `networks:` ('default' for the implicit one). */
  key: string;
  aliases: string[];
  ipv4: string | null;
  /** `ipv6_address:` (used on a network with `enable_ipv6: true`). */
  ipv6: string | null;
  /** `priority:` (0 when not given): the primary network is the highest. */
  priority: number;
}

export interface ServiceVolume {
  type: 'volume' | 'bind';
  /** Volume key / host path (relative ones resolved against the project folder); null: anonymous. */
  source: string | null;
  target: string;
  readOnly: boolean;
}

export interface ServiceModel {
  name: string;
  image: string | null;
  build: { context: string; dockerfile: string | null } | null;
  containerName: string | null;
  command: string[] | null;
  entrypoint: string[] | null;
  environment: string[];
  ports: string[];
  expose: string[];
  networks: ServiceNetwork[];
  /** host, none, bridge, service:NAME, container:NAME — null: the project's networks. */
  networkMode: string | null;
  links: string[];
  dependsOn: string[];
  hostname: string | null;
  extraHosts: string[];
  volumes: ServiceVolume[];
  volumesFrom: string[];
  labels: Record<string, string>;
  workingDir: string | null;
  /** `user:` (USER[:GROUP], '' = the image's) and `restart:` ('no' when not given). */
  user: string;
  restart: string;
  tty: boolean;
  stdinOpen: boolean;
  dns: string[];
  dnsSearch: string[];
  /** `profiles:`: the service belongs to the project only when one is active (`--profile`). */
  profiles: string[];
  dnsOptions: string[];
  domainname: string;
  /** `mac_address:` (Config.MacAddress: the primary network's endpoint takes it). */
  macAddress: string | null;
  /** `scale:` / `deploy.replicas` (default 1). */
  scale: number;
  /** The service's definition as written (for the config-hash label). */
  raw: unknown;
}

export interface NetworkModel {
  key: string;
  /** `name:` or null (then `<project>_<key>`). */
  name: string | null;
  /** `driver:` as written, or null: the engine's default (bridge). Compose's "Creating
   *  network" line tells the two apart, even for `driver: bridge`. */
  driver: string | null;
  driverOpts: Record<string, string>;
  ipam: Array<{ subnet: string; gateway: string | null; ipRange: string | null }>;
  internal: boolean;
  /** `enable_ipv6: true`: the network's endpoints get IPv6 addresses from its IPv6 subnet. */
  enableIpv6: boolean;
  external: boolean;
  attachable: boolean;
  labels: Record<string, string>;
}

export interface VolumeModel {
  key: string;
  name: string | null;
  /** `driver:` as written, or null (the engine's `local`). */
  driver: string | null;
  external: boolean;
  labels: Record<string, string>;
}

export interface ProjectModel {
  /** Services in file order. */
  services: ServiceModel[];
  networks: Map<string, NetworkModel>;
  volumes: Map<string, VolumeModel>;
  /** The file as Compose labels it: 'docker-compose.yml'. */
  configFile: string;
}

// Views of the containers and networks recorded from the real engine in fixtures/, as the
// engine's model would describe them (src/engine/model.ts).

import type { ContainerView, EndpointView, NetworkView } from '../../src/engine/model.js';

export const B1_ID = '99cd1e01ab6d208e1616930f00af09a64f0190e1bfaa93a7a68efe521827753b';
export const U1_ID = 'b427f60221d1beeb97412b8f3d8c75c5577cc13fbe3a4157f2c3c8afd6dda1a0';
export const BRIDGE_ID = 'bb89f5de4e986aa101a898217a32479b091ea82dd0d9a5609e811c076d0b32ff';
export const USERNET_ID = '702cc8d93e744bef38405d2500436dda8c8222039dda5186d12e14469590e74f';
const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function endpoint(over: Partial<EndpointView>): EndpointView {
  return {
    networkId: BRIDGE_ID,
    networkName: 'bridge',
    endpointId: 'a15520323f4f9b876cab0034c3e5f6dc465f540055365f8832f9e2e0fedfacfe',
    ipAddress: '172.17.0.2',
    ipPrefixLen: 16,
    gateway: '172.17.0.1',
    macAddress: '02:42:ac:11:00:02',
    globalIPv6Address: '',
    globalIPv6PrefixLen: 0,
    ipv6Gateway: '',
    aliases: null,
    ipamConfig: null,
    links: null,
    driverOpts: null,
    ...over,
  };
}

export function container(over: Partial<ContainerView>): ContainerView {
  return {
    id: B1_ID,
    name: 'h-fmt-b1',
    image: 'busybox',
    imageId: 'c1466f2be390a7ff3bc046285c4b47c4e84788563a42edab1875e768a0458c63',
    macAddress: '',
    entrypoint: [],
    cmd: ['sleep', '3600'],
    created: '2026-11-22T06:50:32.157689826Z',
    createdSeq: 1,
    state: {
      status: 'running',
      running: true,
      paused: false,
      exitCode: 0,
      error: '',
      startedAt: '2026-11-22T06:50:32.566436045Z',
      finishedAt: '0001-01-01T00:00:00Z',
      pid: 6376,
    },
    hostname: B1_ID.slice(0, 12),
    domainname: '',
    env: [PATH],
    labels: {},
    workingDir: '',
    user: '',
    tty: false,
    openStdin: false,
    autoRemove: false,
    publishAllPorts: false,
    restartPolicy: 'no',
    networkMode: 'default',
    networks: [endpoint({})],
    ports: [],
    portRequests: [],
    exposedPorts: [],
    links: null,
    allNames: ['h-fmt-b1'],
    sandbox: { key: 'e048b0ed54d2', hostname: B1_ID.slice(0, 12), hostsFile: '', resolvConf: '', interfaces: [], routes: [], routes6: [] },
    extraHosts: [],
    dns: [],
    dnsSearch: [],
    dnsOptions: [],
    logs: [],
    ...over,
    // The list names the image as it was given (a tag that still names it).
    listImage: over.listImage ?? over.image ?? 'busybox',
  };
}

/** h-fmt-u1: nginx on a user network with an alias, -p 8080:80, -e FOO=bar, -l lab=x. */
export function nginxU1(): ContainerView {
  return container({
    id: U1_ID,
    name: 'h-fmt-u1',
    image: 'nginx',
    cmd: ['httpd', '-f', '-p', '80', '-h', '/usr/share/nginx/html'],
    created: '2026-11-22T06:50:32.790706338Z',
    createdSeq: 2,
    hostname: U1_ID.slice(0, 12),
    // Docker stores -e variables first, then the image's ENV (the engine must keep this order).
    env: ['FOO=bar', PATH],
    state: { ...container({}).state, pid: 6497, startedAt: '2026-11-22T06:50:33.337426987Z' },
    sandbox: { key: '39076dec7aef', hostname: U1_ID.slice(0, 12), hostsFile: '', resolvConf: '', interfaces: [], routes: [], routes6: [] },
    labels: { lab: 'x' },
    workingDir: '/usr/share/nginx/html',
    networkMode: 'h-fmt-net',
    networks: [
      endpoint({
        networkId: USERNET_ID,
        networkName: 'h-fmt-net',
        endpointId: '20fb23229e8d5de4191fd231f2daa02f96879e79796bb31c716a2f4c424fc5a4',
        ipAddress: '172.18.0.2',
        gateway: '172.18.0.1',
        macAddress: '02:42:ac:12:00:02',
        aliases: ['foo', U1_ID.slice(0, 12)],
      }),
    ],
    ports: [{ containerPort: 80, proto: 'tcp', bindings: [{ hostIp: '0.0.0.0', hostPort: 8080 }, { hostIp: '::', hostPort: 8080 }] }],
    portRequests: [{ containerPort: 80, proto: 'tcp', hostIp: '', hostPort: '8080' }],
    exposedPorts: [{ port: 80, proto: 'tcp' }],
    allNames: ['h-fmt-u1'],
  });
}

export function network(over: Partial<NetworkView>): NetworkView {
  return {
    id: BRIDGE_ID,
    name: 'bridge',
    driver: 'bridge',
    scope: 'local',
    created: '2026-11-22T06:39:24.926713923Z',
    internal: false,
    attachable: false,
    enableIPv6: false,
    configOnly: false,
    configFrom: '',
    predefined: true,
    isDefaultBridge: true,
    ipam: { driver: 'default', options: null, config: [{ subnet: '172.17.0.0/16' }] },
    subnet: '172.17.0.0/16',
    gateway: '172.17.0.1',
    bridgeName: 'docker0',
    options: {
      'com.docker.network.bridge.default_bridge': 'true',
      'com.docker.network.bridge.enable_icc': 'true',
      'com.docker.network.bridge.enable_ip_masquerade': 'true',
      'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
      'com.docker.network.bridge.name': 'docker0',
      'com.docker.network.driver.mtu': '1500',
    },
    labels: {},
    containers: [
      {
        containerId: B1_ID,
        name: 'h-fmt-b1',
        endpointId: 'a15520323f4f9b876cab0034c3e5f6dc465f540055365f8832f9e2e0fedfacfe',
        macAddress: '02:42:ac:11:00:02',
        ipv4Address: '172.17.0.2/16', ipv6Address: '',
      },
    ],
    ...over,
  };
}

export function userNetwork(): NetworkView {
  return network({
    id: USERNET_ID,
    name: 'h-fmt-net',
    created: '2026-11-22T06:50:32.617083389Z',
    predefined: false,
    isDefaultBridge: false,
    ipam: { driver: 'default', options: {}, config: [{ subnet: '172.18.0.0/16', gateway: '172.18.0.1' }] },
    subnet: '172.18.0.0/16',
    gateway: '172.18.0.1',
    bridgeName: 'br-702cc8d93e74',
    options: {},
    containers: [
      {
        containerId: U1_ID,
        name: 'h-fmt-u1',
        endpointId: '20fb23229e8d5de4191fd231f2daa02f96879e79796bb31c716a2f4c424fc5a4',
        macAddress: '02:42:ac:12:00:02',
        ipv4Address: '172.18.0.2/16', ipv6Address: '',
      },
    ],
  });
}

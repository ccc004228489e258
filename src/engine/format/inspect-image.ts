// An image as `docker image inspect` shows it (types.ImageInspect of API 1.41), as a typed
// Go value. Field order, nulls and the empty ContainerConfig of an imported image follow
// the 20.10 engine; a build step's ContainerConfig is the intermediate container's (its
// Hostname the short ID, its Cmd the step's commit message).

import type { ImageInspectView } from '../model.js';
import { fakeDigest, containerConfigValue, type ConfigFields } from './inspect-container.js';
import { fields, type GoValue, goTime, int, str, stringMap, strings, struct } from './govalue.js';

const ZERO_TIME = '0001-01-01T00:00:00Z';

/** What the engine package reports as its version (`docker version`'s Server). */
const DOCKER_VERSION = '20.10.24+dfsg1';

/** The overlay2 folder of a layer: named by a random cache ID on the engine, here by the chain. */
const layerDir = (layers: readonly string[], n: number): string => `/var/lib/docker/overlay2/${fakeDigest(`cache:${layers.slice(0, n + 1).join(':')}`)}`;

function graphDriver(layers: readonly string[]): GoValue {
  const top = layerDir(layers, layers.length - 1);
  const lower = layers.slice(0, -1).map((_, i) => `${layerDir(layers, i)}/diff`).reverse();
  return struct('types.GraphDriverData', fields([
    ['Data', stringMap({ ...(lower.length > 0 ? { LowerDir: lower.join(':') } : {}), MergedDir: `${top}/merged`, UpperDir: `${top}/diff`, WorkDir: `${top}/work` })],
    ['Name', str('overlay2')],
  ]));
}

export function imageValue(i: ImageInspectView): GoValue {
  const config: ConfigFields = {
    hostname: '', domainname: '', user: i.user, exposed: i.exposed, tty: false, openStdin: false, env: i.env,
    cmd: i.cmd.length > 0 ? i.cmd : null, image: i.parent, workingDir: i.workingDir,
    entrypoint: i.entrypoint.length > 0 ? i.entrypoint : null, labels: i.labels,
  };
  // An imported image was committed by no container: its ContainerConfig is all zero.
  const containerConfig: ConfigFields = i.stepCmd === null
    ? { hostname: '', domainname: '', user: '', exposed: [], tty: false, openStdin: false, env: null, cmd: null, image: '', workingDir: '',
      entrypoint: null, labels: null }
    // The intermediate container was given a label map, empty or not.
    : { ...config, hostname: i.container.slice(0, 12), cmd: i.stepCmd, labels: i.labels ?? {} };
  return struct('types.ImageInspect', fields([
    ['Id', str(`sha256:${i.id}`)],
    ['RepoTags', strings(i.repoTags)],
    ['RepoDigests', strings([])],
    ['Parent', str(i.parent)],
    ['Comment', str(i.comment)],
    ['Created', str(i.created)],
    ['Container', str(i.container)],
    ['ContainerConfig', containerConfigValue(containerConfig)],
    ['DockerVersion', str(DOCKER_VERSION)],
    ['Author', str('')],
    ['Config', containerConfigValue(config)],
    ['Architecture', str('amd64')],
    ['Variant?', str('')],
    ['Os', str('linux')],
    ['OsVersion?', str('')],
    ['Size', int(i.size)],
    ['VirtualSize', int(i.size)],
    ['GraphDriver', graphDriver(i.layers)],
    ['RootFS', struct('types.RootFS', fields([['Type', str('layers')], ['Layers', strings(i.layers.map((l) => `sha256:${l}`))], ['BaseLayer?', str('')]]))],
    ['Metadata', struct('types.ImageMetadata', fields([['LastTagTime', goTime(i.lastTagTime ?? ZERO_TIME)]]))],
  ]));
}

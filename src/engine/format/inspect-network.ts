// A network as `docker network inspect` shows it (types.NetworkResource), as a typed Go
// value. The default bridge's IPAM Config has no Gateway, user networks' has (FACT 2, 16).

import type { NetworkView } from '../model.js';
import { bool, fields, type GoValue, ptr, str, stringMap, struct } from './govalue.js';

export function networkValue(n: NetworkView): GoValue {
  const config: GoValue = {
    k: 'slice',
    type: '[]network.IPAMConfig',
    items: n.ipam.config.map((c) =>
      struct(
        'network.IPAMConfig',
        fields([
          ['Subnet?', str(c.subnet)],
          ['IPRange?', str(c.ipRange ?? '')],
          ['Gateway?', str(c.gateway ?? '')],
          ['AuxiliaryAddresses?', stringMap(c.auxAddresses ?? null)],
        ]),
      ),
    ),
  };
  const containers: GoValue = {
    k: 'map',
    type: 'map[string]types.EndpointResource',
    entries: n.containers.map((m) => [
      m.containerId,
      struct(
        'types.EndpointResource',
        fields([
          ['Name', str(m.name)],
          ['EndpointID', str(m.endpointId)],
          ['MacAddress', str(m.macAddress)],
          ['IPv4Address', str(m.ipv4Address)],
          ['IPv6Address', str(m.ipv6Address)],
        ]),
      ),
    ]),
  };
  return ptr(
    '*types.NetworkResource',
    struct(
      'types.NetworkResource',
      fields([
        ['Name', str(n.name)],
        ['Id', str(n.id)],
        ['Created', str(n.created)],
        ['Scope', str(n.scope)],
        ['Driver', str(n.driver)],
        ['EnableIPv6', bool(n.enableIPv6)],
        [
          'IPAM',
          struct(
            'network.IPAM',
            fields([
              ['Driver', str(n.ipam.driver)],
              ['Options', stringMap(n.ipam.options)],
              ['Config', config],
            ]),
          ),
        ],
        ['Internal', bool(n.internal)],
        ['Attachable', bool(n.attachable)],
        ['Ingress', bool(false)],
        ['ConfigFrom', struct('network.ConfigReference', fields([['Network', str(n.configFrom)]]))],
        ['ConfigOnly', bool(n.configOnly)],
        ['Containers', containers],
        ['Options', stringMap(n.options)],
        ['Labels', stringMap(n.labels)],
      ]),
    ),
  );
}

// The bridge driver's `-o` options, read as libnetwork's networkConfiguration.fromLabels
// and Validate read them (drivers/bridge/bridge.go, Docker 20.10): numbers with Go's
// strconv.Atoi, switches with strconv.ParseBool (so `enable_icc=0` or `=False` turns ICC
// off, not only `false`), addresses with net.ParseIP. Options the driver does not know
// are kept in inspect and mean nothing. The driver reads them after IPAM has given the
// network its pool, so a refused option still moves the "next pool" search on.
import * as E from './errors.js';
import { fail, ok, type Result } from './errors.js';
import { goAtoi, goParseBool } from './go-strconv.js';
import { parseEndpointIp } from './ipam.js';

export const OPT = {
  bridgeName: 'com.docker.network.bridge.name',
  mtu: 'com.docker.network.driver.mtu',
  enableIPv6: 'com.docker.network.enable_ipv6',
  masquerade: 'com.docker.network.bridge.enable_ip_masquerade',
  icc: 'com.docker.network.bridge.enable_icc',
  inhibitIPv4: 'com.docker.network.bridge.inhibit_ipv4',
  defaultBridge: 'com.docker.network.bridge.default_bridge',
  bindingIp: 'com.docker.network.bridge.host_binding_ipv4',
  ifPrefix: 'com.docker.network.container_iface_prefix',
  hostIp: 'com.docker.network.host_ipv4',
} as const;

/** Linux's IFNAMSIZ less the NUL: a longer bridge name fails netlink's lookup with ERANGE. */
const MAX_IFNAME = 15;

/**
 * The driver's refusal of a network's options, or null: fromLabels (in the options'
 * key order; Go walks a map, so of two bad options either may be named), then Validate's
 * MTU check, then the bridge name's netlink lookup.
 */
export function checkBridgeOptions(options: Readonly<Record<string, string>>): Result<void> {
  for (const label of Object.keys(options).sort()) {
    const value = options[label];
    switch (label) {
      case OPT.mtu: {
        const n = goAtoi(value);
        if (typeof n === 'string') return fail(E.ErrBridgeOption(label, value, n));
        break;
      }
      case OPT.enableIPv6:
      case OPT.masquerade:
      case OPT.icc:
      case OPT.inhibitIPv4:
      case OPT.defaultBridge:
      {
        const b = goParseBool(value);
        if (typeof b === 'string') return fail(E.ErrBridgeOption(label, value, b));
        break;
      }
      case OPT.bindingIp:
      case OPT.hostIp:
        if (parseEndpointIp(value) === null) return fail(E.ErrBridgeOption(label, value, 'nil ip'));
        break;
      default:
    }
  }
  const mtu = options[OPT.mtu] === undefined ? 0 : Number(options[OPT.mtu]);
  if (mtu < 0) return fail(E.ErrInvalidMtu(mtu));
  if ((options[OPT.bridgeName] ?? '').length > MAX_IFNAME) {
    return fail(E.ErrBridgeNameTooLong());
  }
  return ok(undefined);
}

/** A switch of a network whose options were checked at create: its value, or the default. */
export function bridgeSwitch(options: Readonly<Record<string, string>>, label: string, byDefault: boolean): boolean {
  const value = options[label];
  const b = value === undefined ? byDefault : goParseBool(value);
  return typeof b === 'boolean' ? b : byDefault;
}

/** The largest MTU a veth takes: a larger one fails the endpoint's creation (EINVAL). */
export const MAX_VETH_MTU = 65535;

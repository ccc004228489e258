// Network drivers, as libnetwork names them: 'bridge' gives an endpoint an address from
// the network's IPAM space (and a MAC derived from it); 'host' and 'null' give nothing —
// the container uses the host's stack, or has only loopback.
import * as E from './errors.js';
import { fail, ok, type Result } from './errors.js';
import type { DriverName } from './model.js';
import { parseEndpointIp } from './ipam.js';
import type { Network } from './network.js';

export interface Driver {
  name: DriverName;
  /** RequestAddress for a new endpoint (null: the driver gives none). */
  requestAddress(network: Network, preferred: string | null): Result<string | null>;
  releaseAddress(network: Network, ip: string): void;
  /** The daemon's validateNetworkingConfig of an --ip6, before IPAM is asked for anything. */
  checkAddress6(network: Network, preferred: string | null): Result<void>;
  /** The endpoint's IPv6 address, on a network with IPv6 enabled (null elsewhere: an
   *  --ip6 there is kept in the settings and unused, as on the engine). */
  requestAddress6(network: Network, preferred: string | null): Result<string | null>;
}

const bridge: Driver = {
  name: 'bridge',
  requestAddress(network, preferred) {
    if (!network.space) return ok(null);
    if (preferred !== null) {
      // --ip is for user networks with a user subnet only (FACTS 31, 32).
      if (network.config.isDefaultBridge) return fail(E.ErrIPOnDefaultBridge());
      if (network.config.userSubnet === null) return fail(E.ErrIPWithoutUserSubnet());
      // The daemon parses the address when it builds the endpoint (a connect to a stopped
      // container stores it unread); an IPv6 one is in none of the IPv4 pools.
      const parsed = parseEndpointIp(preferred);
      if (parsed === null) return fail(E.ErrEndpointInvalidIPv4(preferred));
      if (parsed.family === 6) return fail(E.ErrIPNotInSubnet(preferred));
      preferred = parsed.ip;
    }
    const r = network.space.request(preferred);
    // libnetwork names the network whose pools ran out (real engine, 20.10).
    if (!r.ok && r.error.kind === 'exhausted') return fail({ ...r.error, message: `${r.error.message}: ${network.name} (${network.id})` });
    return r;
  },
  releaseAddress(network, ip) {
    if (ip.includes(':')) network.space6?.release(ip);
    else network.space?.release(ip);
  },
  checkAddress6(network, preferred) {
    // --ip6 needs a network with an IPv6 subnet of the user's; one whose IPv6 is not
    // enabled keeps the setting unused (real 20.10).
    if (preferred === null) return ok(undefined);
    if (network.config.predefined) return fail(E.ErrIPOnDefaultBridge());
    return network.config.userSubnet6 ? ok(undefined) : fail(E.ErrIPWithoutUserSubnet());
  },
  requestAddress6(network, preferred) {
    if (!network.ipv6 || network.space6 === null) return ok(null);
    return network.space6.request(preferred);
  },
};

const addressless = (name: DriverName): Driver => ({
  name,
  requestAddress: () => ok(null),
  releaseAddress: () => {},
  checkAddress6: () => ok(undefined),
  requestAddress6: () => ok(null),
});

const DRIVERS: Record<DriverName, Driver> = { bridge, host: addressless('host'), null: addressless('null') };

export const driverOf = (network: Network): Driver => DRIVERS[network.driver];

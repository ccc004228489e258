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
    network.space?.release(ip);
  },
};

const addressless = (name: DriverName): Driver => ({
  name,
  requestAddress: () => ok(null),
  releaseAddress: () => {},
});

const DRIVERS: Record<DriverName, Driver> = { bridge, host: addressless('host'), null: addressless('null') };

export const driverOf = (network: Network): Driver => DRIVERS[network.driver];

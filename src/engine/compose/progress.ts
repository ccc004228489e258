// Compose's progress lines on stderr. v1 (FACTS 105, 108, 112): `Creating network "x"
// with the default driver`, `Creating NAME ... ` then `Creating NAME ... done`, the
// names padded to the longest of the batch (while creating, to the longest so far, as
// the objects are added one by one). v2: ` Container NAME  Creating` / `  Created`.
import type { Flavour } from './naming.js';

export type Verb = 'Creating' | 'Starting' | 'Stopping' | 'Removing' | 'Recreating' | 'Restarting' | 'Stopping and removing'
  | 'Killing' | 'Pausing' | 'Unpausing';

/** One object's outcome in a batch: null when it went well, else the error text. */
export interface BatchItem {
  name: string;
  error: string | null;
  /** The service, for the summary line of a failure (`ERROR: for SERVICE  …`). */
  service?: string;
  /** The operation ended without an error but parallel_execute's fail_check held (`… failed`). */
  failed?: boolean;
  /** An exception other than the daemon's (parallel.py's last branch): no status ends its line. */
  raised?: boolean;
}

/**
 * What Compose logs while a container's start fails for a port (service.py start_container:
 * "driver failed programming external connectivity" in the daemon's answer), before the
 * progress line ends in `error`. Not a terminal: the log line has no `WARNING:` prefix.
 */
export const HOST_IN_USE = 'Host is already in use by another container';
const hostInUse = (error: string | null): boolean => error !== null && error.includes('driver failed programming external connectivity');

const V2_DONE: Record<Verb, string> = { Creating: 'Created', Starting: 'Started', Stopping: 'Stopped', Removing: 'Removed', Recreating: 'Recreated',
  Restarting: 'Started', 'Stopping and removing': 'Removed', Killing: 'Killed', Pausing: 'Paused', Unpausing: 'Unpaused' };

export class Progress {
  text = '';

  constructor(readonly flavour: Flavour) {}

  private line(s: string): void {
    this.text += `${s}\n`;
  }

  /** A v1 progress line (`NAME ... done`) ends in CRLF when stderr is not a terminal
   *  (compose/parallel.py `_write_noansi`; real engine's docker-compose 1.29). */
  private progressLine(s: string): void {
    this.text += `${s}\r\n`;
  }

  networkCreated(name: string, driver: string | null): void {
    if (this.flavour === 'v1') this.line(`Creating network "${name}" with ${driver === null ? 'the default driver' : `driver "${driver}"`}`);
    else this.line(` Network ${name}  Creating\n Network ${name}  Created`);
  }

  volumeCreated(name: string, driver: string | null): void {
    if (this.flavour === 'v1') this.line(`Creating volume "${name}" with ${driver === null ? 'default' : driver} driver`);
    else this.line(` Volume "${name}"  Creating\n Volume "${name}"  Created`);
  }

  networkRemoved(name: string, found: boolean): void {
    if (this.flavour === 'v1') this.line(found ? `Removing network ${name}` : `Removing network ${name}\nNetwork ${name} not found.`);
    else if (found) this.line(` Network ${name}  Removing\n Network ${name}  Removed`);
  }

  /** compose/network.py `Network.remove`: an external network is logged and left (real 1.29). */
  externalNetworkKept(name: string): void {
    if (this.flavour === 'v1') this.line(`Network ${name} is external, skipping`);
  }

  /** compose/volume.py `Volume.remove`, likewise. */
  externalVolumeKept(name: string): void {
    if (this.flavour === 'v1') this.line(`Volume ${name} is external, skipping`);
  }

  volumeRemoved(name: string): void {
    if (this.flavour === 'v1') this.line(`Removing volume ${name}`);
    else this.line(` Volume ${name}  Removing\n Volume ${name}  Removed`);
  }

  upToDate(name: string): void {
    this.line(this.flavour === 'v1' ? `${name} is up-to-date` : ` Container ${name}  Running`);
  }

  /** One parallel batch of container operations. */
  batch(verb: Verb, items: BatchItem[]): void {
    if (items.length === 0) return;
    if (this.flavour === 'v2') {
      for (const it of items) this.line(` Container ${it.name}  ${verb}\n Container ${it.name}  ${it.error === null ? V2_DONE[verb] : 'Error'}`);
      return;
    }
    const width = Math.max(...items.map((i) => i.name.length));
    let sofar = 0;
    for (const it of items) {
      sofar = Math.max(sofar, it.name.length);
      this.progressLine(`${verb} ${it.name.padEnd(verb === 'Creating' ? sofar : width)} ... `);
    }
    // A container's failure is told twice: under its line (by container), and after the
    // batch (by service), FACT 110; one of `start`'s services (or `restart`'s containers), once.
    for (const it of items) {
      if ((verb === 'Creating' || verb === 'Starting') && hostInUse(it.error)) this.line(HOST_IN_USE);
      if (!it.raised) this.progressLine(`${verb} ${it.name.padEnd(width)} ... ${it.error !== null ? 'error' : it.failed ? 'failed' : 'done'}`);
      if (it.error !== null) this.line(`\nERROR: for ${it.name}  ${it.error}`);
    }
    for (const it of items) if (it.error !== null && it.service !== undefined) this.line(`\nERROR: for ${it.service}  ${it.error}`);
  }

  plain(s: string): void {
    this.line(s);
  }
}

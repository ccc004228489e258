// `.HostConfig` of `docker inspect` (container.HostConfig), field for field as a real
// 20.10 engine prints it for a plain `docker run`; and nat.PortMap, shared with
// `.NetworkSettings.Ports`.

import type { ContainerView } from '../model.js';
import { bool, fields, type GoValue, int, ptr, str, stringMap, strings, struct } from './govalue.js';

/** nat.PortMap: "80/tcp" → bindings; an exposed port without binding maps to null. */
export function portMap(ports: Array<{ key: string; bindings: Array<{ hostIp: string; hostPort: string }> | null }>): GoValue {
  return {
    k: 'map',
    type: 'nat.PortMap',
    entries: ports.map(({ key, bindings }) => [
      key,
      {
        k: 'slice',
        type: '[]nat.PortBinding',
        items:
          bindings === null
            ? null
            : bindings.map((b) => struct('nat.PortBinding', fields([['HostIp', str(b.hostIp)], ['HostPort', str(b.hostPort)]]))),
      },
    ]),
  };
}

export function hostConfigValue(c: ContainerView): GoValue {
  const bindings = new Map<string, Array<{ hostIp: string; hostPort: string }>>();
  for (const r of c.portRequests) {
    const key = `${r.containerPort}/${r.proto}`;
    bindings.set(key, [...(bindings.get(key) ?? []), { hostIp: r.hostIp, hostPort: r.hostPort }]);
  }
  // `on-failure:3` is the policy's name and its MaximumRetryCount (opts.ParseRestartPolicy).
  const [restart = 'no', retries = '0'] = (c.autoRemove ? 'no' : c.restartPolicy || 'no').split(':');
  const empty = (type: string): GoValue => ({ k: 'slice', type, items: [] });
  const nilSlice = (type: string): GoValue => ({ k: 'slice', type, items: null });
  return ptr(
    '*container.HostConfig',
    struct(
      'container.HostConfig',
      fields([
        ['Binds', strings(null)],
        ['ContainerIDFile', str('')],
        ['LogConfig', struct('container.LogConfig', fields([['Type', str('json-file')], ['Config', stringMap({})]]))],
        ['NetworkMode', str(c.networkMode)],
        ['PortBindings', portMap([...bindings].map(([key, b]) => ({ key, bindings: b })))],
        ['RestartPolicy', struct('container.RestartPolicy', fields([['Name', str(restart)], ['MaximumRetryCount', int(Number(retries) || 0)]]))],
        ['AutoRemove', bool(c.autoRemove)],
        ['VolumeDriver', str('')],
        ['VolumesFrom', strings(null)],
        ['CapAdd', strings(null, 'strslice.StrSlice')],
        ['CapDrop', strings(null, 'strslice.StrSlice')],
        ['CgroupnsMode', str('host')],
        ['Dns', strings(c.dns)],
        ['DnsOptions', strings(c.dnsOptions)],
        ['DnsSearch', strings(c.dnsSearch)],
        ['ExtraHosts', strings(c.extraHosts.length > 0 ? c.extraHosts : null)],
        ['GroupAdd', strings(null)],
        ['IpcMode', str('private')],
        ['Cgroup', str('')],
        ['Links', strings(c.links)],
        ['OomScoreAdj', int(0)],
        ['PidMode', str('')],
        ['Privileged', bool(false)],
        ['PublishAllPorts', bool(c.publishAllPorts)],
        ['ReadonlyRootfs', bool(false)],
        ['SecurityOpt', strings(null)],
        ['UTSMode', str('')],
        ['UsernsMode', str('')],
        ['ShmSize', int(67108864)],
        ['Sysctls?', stringMap(c.sysctls ?? null)],
        ['Runtime', str('runc')],
        ['ConsoleSize', { k: 'slice', type: '[2]uint', items: [int(0), int(0)] }],
        ['Isolation', str('')],
        ['CpuShares', int(c.cpuShares ?? 0)],
        ['Memory', int(c.memory ?? 0)],
        ['NanoCpus', int(c.nanoCpus ?? 0)],
        ['CgroupParent', str('')],
        ['BlkioWeight', int(0)],
        ['BlkioWeightDevice', empty('[]*blkiodev.WeightDevice')],
        ['BlkioDeviceReadBps', nilSlice('[]*blkiodev.ThrottleDevice')],
        ['BlkioDeviceWriteBps', nilSlice('[]*blkiodev.ThrottleDevice')],
        ['BlkioDeviceReadIOps', nilSlice('[]*blkiodev.ThrottleDevice')],
        ['BlkioDeviceWriteIOps', nilSlice('[]*blkiodev.ThrottleDevice')],
        ['CpuPeriod', int(0)],
        ['CpuQuota', int(0)],
        ['CpuRealtimePeriod', int(0)],
        ['CpuRealtimeRuntime', int(0)],
        ['CpusetCpus', str('')],
        ['CpusetMems', str('')],
        ['Devices', empty('[]container.DeviceMapping')],
        ['DeviceCgroupRules', strings(null)],
        ['DeviceRequests', nilSlice('[]container.DeviceRequest')],
        ['KernelMemory', int(0)],
        ['KernelMemoryTCP', int(0)],
        ['MemoryReservation', int(0)],
        // daemon adaptContainerSettings: a memory limit without a swap limit gets twice as much swap.
        ['MemorySwap', int(c.memorySwap ?? (c.memory ?? 0) * 2)],
        ['MemorySwappiness', ptr('*int64', null)],
        ['OomKillDisable', bool(c.oomKillDisable ?? false)],
        ['PidsLimit', ptr('*int64', c.pidsLimit === undefined ? null : int(c.pidsLimit))],
        ['Ulimits', nilSlice('[]*units.Ulimit')],
        ['CpuCount', int(0)],
        ['CpuPercent', int(0)],
        ['IOMaximumIOps', int(0)],
        ['IOMaximumBandwidth', int(0)],
        ['MaskedPaths', strings(MASKED_PATHS)],
        ['ReadonlyPaths', strings(READONLY_PATHS)],
        ['Init?', ptr('*bool', c.init === undefined ? null : bool(c.init))],
      ]),
    ),
  );
}

const MASKED_PATHS = [
  '/proc/asound',
  '/proc/acpi',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/sys/firmware',
];
const READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];


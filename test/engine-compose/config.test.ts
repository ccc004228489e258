// `docker-compose config`, against Compose 1.29's output on the 20.10 machine (recorded
// with --backend sim,docker --compare-output; scenarios/compose.dnet).
import { describe, expect, it } from 'vitest';
import { sim } from './helpers.js';

const config = (file: string, ...flags: string[]) => sim({ 'docker-compose.yml': file }, '/tmp/cfgproj').compose('config', ...flags);

describe('docker-compose config', () => {
  it('prints the resolved file as PyYAML dumps it (real 1.29, byte for byte)', () => {
    const r = config(`version: "3.8"
services:
  web:
    build: ./app
    environment:
      A: 1
      B: "two"
      C:
    ports:
      - "127.0.0.1:8443:443"
      - "9000-9001:9000-9001/udp"
      - "3000"
    expose: ["5000", 6000]
    labels: ["x=1", "y=2"]
    volumes:
      - data:/data
      - ./src:/src:ro
    dns: 8.8.8.8
    user: "1000"
volumes:
  data:
`);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`services:
  web:
    build:
      context: /tmp/cfgproj/app
    dns:
    - 8.8.8.8
    environment:
      A: 1
      B: two
      C: null
    expose:
    - '5000'
    - 6000
    labels:
      x: '1'
      "y": '2'
    ports:
    - 127.0.0.1:8443:443/tcp
    - protocol: udp
      published: 9000
      target: 9000
    - protocol: udp
      published: 9001
      target: 9001
    - target: 3000
    user: '1000'
    volumes:
    - data:/data:rw
    - /tmp/cfgproj/src:/src:ro
version: '3.8'
volumes:
  data: {}

`);
  });

  it('gives depends_on its condition in every version, and a boolean key back (`on:`)', () => {
    const r = config(`version: "2"
services:
  a:
    image: busybox
    depends_on: [b]
    labels:
      on: "off"
  b:
    image: busybox
`);
    expect(r.stdout).toContain('    depends_on:\n      b:\n        condition: service_started\n');
    expect(r.stdout).toContain('    labels:\n      true: "off"\n');
    expect(r.stdout).toContain("version: '2'\n");
  });

  it('lists --services in the topological order of sort_services.py, every profile included', () => {
    const file = `version: "3"
services:
  a:
    image: busybox
    depends_on: [b]
  b:
    image: busybox
    profiles: [debug]
  c:
    image: busybox
`;
    expect(config(file, '--services').stdout).toBe('b\na\nc\n');
    expect(config(file).stdout).toContain('  b:\n    image: busybox\n    profiles:\n    - debug\n');
  });

  it('lists --volumes, and -q prints nothing', () => {
    const file = 'version: "3"\nservices:\n  a:\n    image: busybox\nvolumes:\n  data:\n  other:\n    name: other-vol\n';
    expect(config(file, '--volumes').stdout).toBe('data\nother\n');
    expect(config(file, '-q')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('refuses by name what it does not resolve, rather than print it as written', () => {
    const r = config('version: "3"\nservices:\n  a:\n    image: busybox\n    healthcheck:\n      test: ["CMD", "true"]\n');
    expect(r).toEqual({ stdout: '', stderr: 'dnet-test: docker-compose config of services.a.healthcheck is not simulated\n', exitCode: 1 });
  });
});

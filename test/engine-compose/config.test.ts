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

  it('escapes a `$` again as the file must write it (serialize_string_escape_dollar)', () => {
    const r = config('version: "3"\nservices:\n  a:\n    image: busybox\n    command: echo $$HOME\n');
    expect(r.stdout).toContain('    command: echo $$HOME\n');
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

describe('variable substitution (interpolation.py)', () => {
  const run = (file: string, env = '') => sim({ 'docker-compose.yml': file, ...(env ? { '.env': env } : {}) }, '/tmp/cfgproj').compose('config');
  it('takes values from the project folder\'s .env, with defaults, and $$ for a $', () => {
    const r = run('version: "3"\nservices:\n  a:\n    image: "busybox:${TAG}"\n    command: ["echo", "${GREETING:-hello}", "$$HOME", "${EMPTY-dash}", "${EMPTY:-colon}"]\n',
      'TAG=1.36\nEMPTY=\n');
    // `${EMPTY-dash}` of an empty EMPTY is '' (real 1.29), with no warning.
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain("    command:\n    - echo\n    - hello\n    - $$HOME\n    - ''\n    - colon\n    image: busybox:1.36\n");
  });

  it('warns of an unset variable and uses a blank', () => {
    const r = run('version: "3"\nservices:\n  a:\n    image: busybox\n    hostname: "h${SUFFIX}"\n');
    expect(r.stderr).toBe('The SUFFIX variable is not set. Defaulting to a blank string.\n');
    expect(r.stdout).toContain('    hostname: h\n');
  });

  it('stops at a required variable that is missing, and at a bad placeholder (real 1.29)', () => {
    expect(run('version: "3"\nservices:\n  a:\n    image: "busybox:${IMG?}"\n').stderr)
      .toBe('Missing mandatory value for "image" option interpolating busybox:${IMG?} in service "a": IMG\n');
    expect(run('version: "3"\nservices:\n  a:\n    image: "${IMG:?set IMG}"\n')).toEqual({ stdout: '', exitCode: 1,
      stderr: 'Missing mandatory value for "image" option interpolating ${IMG:?set IMG} in service "a": set IMG\n' });
    expect(run('version: "3"\nservices:\n  a:\n    image: "busybox:${"\n').stderr).toBe('Invalid interpolation format for "image" option in service "a": "busybox:${"\n');
  });
});

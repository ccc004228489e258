// The fixture that uses every form of the language parses and checks clean, and really
// does contain every expectation and value type of the AST.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import type { Expectation, Statement, Value } from '../../src/language/ast.js';
import { checkFile } from '../../src/language/checks/index.js';
import { parseFile } from '../../src/language/parse.js';

const path = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'every-form.dnet');

test('every-form.dnet parses and passes the checks', () => {
  const { file, diagnostics } = parseFile(path, readFileSync(path, 'utf8'));
  expect(diagnostics).toEqual([]);
  expect(file).not.toBeNull();
  if (!file) return;
  expect(checkFile(file).map((d) => d.message)).toEqual([]);

  const statements: Statement[] = [...file.setup, ...file.scenarios.flatMap((s) => s.body)];
  const expectations = statements.flatMap((s) => (s.type === 'Expect' ? [s.expectation] : []));
  const expectTypes: Array<Expectation['type']> = ['PingExpect', 'TcpExpect', 'HttpExpect', 'ResolveExpect', 'IpExpect',
    'MacExpect', 'ContainerGatewayExpect', 'NetworkSubnetExpect', 'NetworkGatewayExpect', 'NetworkExistsExpect',
    'ContainerStateExpect', 'ExitCodeExpect', 'PortExpect', 'OutputExpect', 'DockerExpect', 'FileExpect'];
  expect(new Set(expectations.map((e) => e.type))).toEqual(new Set(expectTypes));
  const valueTypes: Array<Value['type']> = ['IpOf', 'MacOf', 'GatewayOfNetwork', 'SubnetOfNetwork', 'HostPortOf', 'OutputRef', 'Literal'];
  const lets = statements.flatMap((s) => (s.type === 'Let' ? [s.value.type] : []));
  expect(new Set(lets)).toEqual(new Set(valueTypes));
  expect(new Set(statements.map((s) => s.type))).toEqual(new Set(['DockerCommand', 'Expect', 'Let', 'FileBlock', 'Skip']));
  expect(file.scenarios.every((s) => !s.implicit)).toBe(true);
  expect(file.scenarios[0].description).toEqual(['A description line.', 'And a second one.']);
});

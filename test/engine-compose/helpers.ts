// A simulated engine with a scenario folder: run docker / docker-compose as a scenario would.
import type { CommandResult } from '../../src/backends/backend.js';
import { runCli } from '../../src/engine/cli/index.js';
import { composeHandler } from '../../src/engine/compose/index.js';
import { Controller } from '../../src/engine/controller.js';

export interface Sim {
  ctrl: Controller;
  docker(...args: string[]): CommandResult;
  compose(...args: string[]): CommandResult;
}

/** `dir`: the scenario folder (its basename is the default project name); `files`: inline files. */
export function sim(files: Record<string, string> = {}, dir = '/tmp/composetest'): Sim {
  const ctrl = new Controller();
  const handler = composeHandler({ baseDir: dir, files: new Map(Object.entries(files)) });
  return {
    ctrl,
    docker: (...args) => runCli(ctrl, 'docker', args, undefined, handler),
    compose: (...args) => runCli(ctrl, 'docker-compose', args, undefined, handler),
  };
}

/** The compose file of FACT 105 (project `composetest`). */
export const COMPOSETEST = `version: "3"
services:
  app1:
    image: nginx
    container_name: app1
    ports:
      - "8080:80"
  mysql:
    image: mysql:5.7
    environment:
      - MYSQL_ROOT_PASSWORD=password
`;

// The evaluator of Go's text/template over GoValues, with Go's semantics where Docker's
// users see them: a missing map key is "<no value>" (or an error with
// missingkey=error), a missing struct field is an error, nil pointers stop a chain,
// `range` over maps goes in key order.

import { type GoValue, isEmpty, mapGet, sortedEntries, typeName } from '../govalue.js';
import { display, FUNCS, FuncError, type TValue } from './funcs.js';
import type { Arg, Command, Node, Pipe } from './parse.js';

export interface ExecOptions {
  /** Go's Option("missingkey=error"): a missing map key is an error, not "<no value>". */
  missingKeyError: boolean;
}

/** An error while executing; `pos` and `at` make Go's `:1:2: executing "" at <.X>:` prefix. */
export class TemplateExecError extends Error {
  constructor(
    readonly detail: string,
    readonly pos: number,
    readonly at: string,
  ) {
    super(detail);
  }
}

class Break {}
class Continue {}

export function execute(nodes: Node[], data: GoValue, options: ExecOptions): string {
  const state = new State(data, options);
  state.walkList(nodes, data);
  return state.out;
}

class State {
  out = '';
  private vars: Array<[string, TValue]>;
  constructor(
    data: GoValue,
    private readonly options: ExecOptions,
  ) {
    this.vars = [['$', data]];
  }

  walkList(nodes: Node[], dot: TValue): void {
    for (const node of nodes) this.walk(node, dot);
  }

  private walk(node: Node, dot: TValue): void {
    switch (node.t) {
      case 'text':
        this.out += node.text;
        return;
      case 'action': {
        const value = this.evalPipe(node.pipe, dot);
        if (node.pipe.decl.length === 0) this.out += display(value);
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const value = this.evalPipe(node.pipe, dot);
        if (truth(value)) this.walkList(node.list, node.t === 'with' ? value : dot);
        else if (node.elseList) this.walkList(node.elseList, dot);
        this.vars.length = mark;
        return;
      }
      case 'range':
        this.walkRange(node, dot);
        return;
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
    }
  }

  private walkRange(node: Node & { t: 'if' | 'with' | 'range' }, dot: TValue): void {
    const mark = this.vars.length;
    const decl = node.pipe.decl;
    const value = deref(this.evalPipe({ ...node.pipe, decl: [] }, dot));
    let items: Array<[GoValue, GoValue]> = [];
    if (value?.k === 'slice') items = (value.items ?? []).map((item, i) => [{ k: 'int', v: i }, item]);
    else if (value?.k === 'map') items = sortedEntries(value.entries ?? []).map(([key, item]) => [{ k: 'string', v: key }, item]);
    else if (value !== undefined && value.k !== 'nil')
      throw new TemplateExecError(`range can't iterate over ${display(value)}`, node.pos, 'range');
    if (items.length === 0) {
      if (node.elseList) this.walkList(node.elseList, dot);
      return;
    }
    for (const [key, item] of items) {
      // One variable takes the element; two take key (or index) and element.
      if (decl.length === 1) this.vars.push([decl[0]!, item]);
      if (decl.length === 2) this.vars.push([decl[0]!, key], [decl[1]!, item]);
      try {
        this.walkList(node.list, item);
      } catch (e) {
        if (e instanceof Break) break;
        if (!(e instanceof Continue)) throw e;
      } finally {
        this.vars.length = mark;
      }
    }
    this.vars.length = mark;
  }

  private evalPipe(pipe: Pipe, dot: TValue): TValue {
    let value: TValue;
    let first = true;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(cmd, dot, first ? null : { value });
      first = false;
    }
    for (const name of pipe.decl) {
      if (pipe.assign) {
        const slot = [...this.vars].reverse().find(([n]) => n === name);
        if (!slot) throw new TemplateExecError(`undefined variable: ${name}`, pipe.pos, name);
        slot[1] = value;
      } else {
        this.vars.push([name, value]);
      }
    }
    return value;
  }

  /** `final` is the value piped in from the previous command (appended as last argument). */
  private evalCommand(cmd: Command, dot: TValue, final: { value: TValue } | null): TValue {
    const [head, ...rest] = cmd.args;
    const extra = () => [...rest.map((a) => this.evalArg(a, dot)), ...(final ? [final.value] : [])];
    switch (head!.t) {
      case 'field':
        return this.evalChain(dot, head!.names, extra(), head!.pos, head!.text);
      case 'var':
        return this.evalChain(this.lookupVar(head!.name, head!.pos), head!.names, extra(), head!.pos, head!.text);
      case 'paren':
        return this.evalChain(this.evalPipe(head!.pipe, dot), head!.names, extra(), head!.pos, head!.text);
      case 'ident': {
        const fn = FUNCS.get(head!.name)!;
        const args = extra();
        try {
          return fn(args);
        } catch (e) {
          if (e instanceof FuncError) throw new TemplateExecError(`error calling ${head!.name}: ${e.message}`, head!.pos, cmdText(cmd));
          throw e;
        }
      }
      default: {
        if (rest.length > 0 || final) throw new TemplateExecError(`can't give argument to non-function ${argText(head!)}`, head!.pos, argText(head!));
        return this.evalArg(head!, dot);
      }
    }
  }

  private evalArg(arg: Arg, dot: TValue): TValue {
    switch (arg.t) {
      case 'dot':
        return dot;
      case 'string':
        return { k: 'string', v: arg.v };
      case 'bool':
        return { k: 'bool', v: arg.v };
      case 'nil':
        return { k: 'nil' };
      case 'number':
        return /^[-+]?\d+$/.test(arg.text) ? { k: 'int', v: Number(arg.text) } : { k: 'number', v: arg.text };
      case 'field':
        return this.evalChain(dot, arg.names, [], arg.pos, arg.text);
      case 'var':
        return this.evalChain(this.lookupVar(arg.name, arg.pos), arg.names, [], arg.pos, arg.text);
      case 'paren':
        return this.evalChain(this.evalPipe(arg.pipe, dot), arg.names, [], arg.pos, arg.text);
      case 'ident': {
        const fn = FUNCS.get(arg.name)!;
        return fn([]);
      }
    }
  }

  private lookupVar(name: string, pos: number): TValue {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]![0] === name) return this.vars[i]![1];
    throw new TemplateExecError(`undefined variable: ${name}`, pos, name);
  }

  private evalChain(receiver: TValue, names: string[], args: TValue[], pos: number, at: string): TValue {
    let value = receiver;
    names.forEach((name, i) => {
      value = this.evalField(value, name, i === names.length - 1 ? args : [], pos, at);
    });
    if (names.length === 0 && args.length > 0) throw new TemplateExecError(`can't give argument to non-function ${at}`, pos, at);
    return value;
  }

  private evalField(receiver: TValue, name: string, args: TValue[], pos: number, at: string): TValue {
    const fail = (detail: string) => new TemplateExecError(detail, pos, at);
    if (receiver === undefined) {
      if (this.options.missingKeyError) throw fail(`nil data; no entry for key "${name}"`);
      return undefined;
    }
    let value: GoValue = receiver;
    if (value.k === 'ptr') {
      if (value.to === null) throw fail(`nil pointer evaluating ${value.type}.${name}`);
      value = value.to;
    }
    switch (value.k) {
      case 'nil':
        throw fail(`nil pointer evaluating interface {}.${name}`);
      case 'struct': {
        const field = value.fields.find((f) => f.name === name);
        if (!field) throw fail(`can't evaluate field ${name} in type ${receiver.k === 'ptr' ? receiver.type : value.type}`);
        if (field.value.k === 'func') {
          try {
            return field.value.call(args);
          } catch (e) {
            if (e instanceof FuncError) throw fail(`error calling ${name}: ${e.message}`);
            throw e;
          }
        }
        if (args.length > 0) throw fail(`${name} has arguments but cannot be invoked as function`);
        return field.value;
      }
      case 'map': {
        if (args.length > 0) throw fail(`${name} is not a method but has arguments`);
        const item = mapGet(value, name);
        if (item === undefined && this.options.missingKeyError) throw fail(`map has no entry for key "${name}"`);
        return item;
      }
      default:
        throw fail(`can't evaluate field ${name} in type ${typeName(value)}`);
    }
  }
}

function deref(v: TValue): TValue {
  return v?.k === 'ptr' ? (v.to ?? undefined) : v;
}

function truth(v: TValue): boolean {
  return v !== undefined && !isEmpty(v);
}

function argText(arg: Arg): string {
  switch (arg.t) {
    case 'field':
    case 'var':
    case 'paren':
      return arg.text;
    case 'dot':
      return '.';
    case 'ident':
      return arg.name;
    case 'string':
      return JSON.stringify(arg.v);
    case 'number':
      return arg.text;
    case 'bool':
      return String(arg.v);
    case 'nil':
      return 'nil';
  }
}

function cmdText(cmd: Command): string {
  return cmd.args.map(argText).join(' ');
}

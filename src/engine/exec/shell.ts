// `sh -c '…'` with simple commands: words split as a POSIX shell splits them ('…', "…",
// $VAR, $?), commands joined by `;`, `&&`, `||` or newlines, `exit N`, `cd`, and the harmless
// redirections `>/dev/null`, `2>/dev/null`, `2>&1`, `>&2`. No pipes: they say so.

import { posix } from 'node:path';
import type { ToolResult } from './context.js';

export type RunCommand = (argv: string[]) => ToolResult;

type Token = { word: string } | { op: ';' | '&&' | '||' | '|' };

function tokenize(script: string, env: Map<string, string>, status: () => number): Token[] {
  const tokens: Token[] = [];
  let word: string | null = null;
  const push = () => {
    if (word !== null) tokens.push({ word });
    word = null;
  };
  const expand = (s: string, i: number): [string, number] => {
    const m = s.slice(i + 1).match(/^(\?|\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)/);
    if (!m) return ['$', i + 1];
    const name = m[1]!.replace(/[{}]/g, '');
    return [name === '?' ? String(status()) : (env.get(name) ?? ''), i + 1 + m[1]!.length];
  };
  for (let i = 0; i < script.length; ) {
    const c = script[i]!;
    if (c === ' ' || c === '\t') {
      push();
      i++;
    } else if (c === '\n' || c === ';') {
      push();
      tokens.push({ op: ';' });
      i++;
    } else if (script.startsWith('&&', i) || script.startsWith('||', i)) {
      push();
      tokens.push({ op: script.slice(i, i + 2) as '&&' | '||' });
      i += 2;
    } else if (c === '|') {
      push();
      tokens.push({ op: '|' });
      i++;
    } else if (c === "'") {
      const end = script.indexOf("'", i + 1);
      word = (word ?? '') + script.slice(i + 1, end === -1 ? undefined : end);
      i = end === -1 ? script.length : end + 1;
    } else if (c === '"') {
      word ??= '';
      i++;
      while (i < script.length && script[i] !== '"') {
        if (script[i] === '\\' && '"\\$`'.includes(script[i + 1] ?? '')) {
          word += script[i + 1];
          i += 2;
        } else if (script[i] === '$') {
          const [value, next] = expand(script, i);
          word += value;
          i = next;
        } else word += script[i++];
      }
      i++;
    } else if (c === '$') {
      const [value, next] = expand(script, i);
      word = (word ?? '') + value;
      i = next;
    } else if (c === '\\') {
      word = (word ?? '') + (script[i + 1] ?? '');
      i += 2;
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  push();
  return tokens;
}

/** Cuts a script at `;`, `&&`, `||`, `|` and newlines outside quotes. */
function segments(script: string): Array<{ text: string; op: ';' | '&&' | '||' | '|' }> {
  const out: Array<{ text: string; op: ';' | '&&' | '||' | '|' }> = [];
  let start = 0;
  let quote: string | null = null;
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (quote !== null) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (c === ';' || c === '\n' || c === '|' || script.startsWith('&&', i)) {
      const op = c === '\n' ? ';' : script.startsWith('&&', i) ? '&&' : script.startsWith('||', i) ? '||' : (c as ';' | '|');
      out.push({ text: script.slice(start, i), op });
      i += op.length - 1;
      start = i + 1;
    }
  }
  out.push({ text: script.slice(start), op: ';' });
  return out;
}

/** Writes a command's output into a file (`> f`, `>> f`); returns the shell's error text or null. */
export type WriteFile = (path: string, content: string, append: boolean) => string | null;

/** Runs a script; `run` executes one simple command (the same tools as `docker exec`). */
export function runScript(script: string, env: Map<string, string>, run: RunCommand, write?: WriteFile): ToolResult {
  let stdout = '';
  let stderr = '';
  let status = 0;
  const parts = segments(script);
  if (parts.some((p) => p.op === '|')) return { stdout: '', stderr: 'sh: pipes are not simulated by dnet-test\n', exitCode: 2 };
  let skip = false;
  // Words are expanded when their command runs, so `$?` sees the previous status.
  const flush = (text: string, last: boolean): boolean => {
    const argv = tokenize(text, env, () => status).flatMap((t) => ('word' in t ? [t.word] : []));
    if (argv.length === 0 || skip) return true;
    let words = argv;
    let quietOut = false;
    let quietErr = false;
    let errToOut = false;
    let outToErr = false;
    words = words.filter((w, i) => {
      if (w === '>/dev/null' || w === '1>/dev/null' || (w === '>' && words[i + 1] === '/dev/null')) return !(quietOut = true);
      if (w === '2>/dev/null') return !(quietErr = true);
      if (w === '2>&1') return !(errToOut = true);
      if (w === '>&2' || w === '1>&2') return !(outToErr = true);
      return !(w === '/dev/null' && words[i - 1] === '>');
    });
    // `> FILE` / `>> FILE`: stdout goes into the container's files (volumes, its own layer).
    let outFile: { path: string; append: boolean } | null = null;
    if (write) {
      const kept: string[] = [];
      for (let i = 0; i < words.length; i++) {
        const m = /^1?(>>?)(.*)$/.exec(words[i]!);
        const target = m ? (m[2] !== '' ? m[2] : words[i + 1]) : undefined;
        if (m && target !== undefined && target !== '/dev/null' && !target.startsWith('&')) {
          outFile = { path: target, append: m[1] === '>>' };
          if (m[2] === '') i++;
          continue;
        }
        kept.push(words[i]!);
      }
      words = kept;
    }
    if (words[0] === 'cd') {
      // The directory is not checked: the simulator keeps no tree of the image's folders.
      const home = env.get('HOME') ?? '/';
      const target = words[1] === undefined ? home : words[1] === '-' ? (env.get('OLDPWD') ?? home) : words[1];
      env.set('OLDPWD', env.get('PWD') ?? '/');
      env.set('PWD', posix.resolve(env.get('PWD') ?? '/', target));
      status = 0;
      return true;
    }
    if (words[0] === 'exit') {
      status = words[1] === undefined ? status : Number(words[1]) || 0;
      return false;
    }
    if (outFile && write) {
      // The shell opens the file before it runs the command: a failure stops it there.
      const error = write(outFile.path, '', true);
      if (error !== null) {
        stderr += `sh: ${error}\n`;
        status = 1;
        return true;
      }
    }
    const result = words.length > 0 ? run(words) : { stdout: '', stderr: '', exitCode: 0 };
    status = result.exitCode;
    // ash reports a child killed by SIGSEGV on the command's stderr; the script's last
    // command is exec'd in place of the shell, so nobody is left to report it.
    const crashed = status === 139 && !last ? 'Segmentation fault\n' : '';
    const err = quietErr ? '' : result.stderr + crashed;
    if (outFile && write) write(outFile.path, quietOut ? '' : result.stdout + (errToOut ? err : ''), outFile.append);
    else if (outToErr) stderr += result.stdout;
    else if (!quietOut) stdout += result.stdout + (errToOut ? err : '');
    if (!errToOut) stderr += err;
    return true;
  };
  for (const [i, part] of parts.entries()) {
    if (!flush(part.text, i === parts.length - 1)) break;
    // `a && b`: b runs only if a succeeded; `a || b` only if it failed.
    skip = (part.op === '&&' && status !== 0) || (part.op === '||' && status === 0);
  }
  return { stdout, stderr, exitCode: status };
}

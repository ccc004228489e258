// `docker build` with the classic builder of Docker 20.10: the context is sent, each
// instruction is a step printing ` ---> <id>` (a RUN runs in an intermediate container),
// a step already built is "Using cache", and the image gets its tags. Texts are the
// builder's (recorded from the engine of this machine).
import { humanSize } from '../format/units.js';
import type { CommandResult } from '../../backends/backend.js';
import type { ContainerConfig } from '../container.js';
import type { Controller } from '../controller.js';
import { BUSYBOX_APPLETS } from '../exec/context.js';
import type { ImageSpec } from '../images/catalog.js';
import { planProcess } from '../process.js';
import { commandForm, keyValues, parseDockerfile, splitWords, type Instruction } from './dockerfile.js';
import { imageId, type LocalImage, sha256 } from './images.js';
import { packageManagerOf, runStep } from './run-step.js';
import { readDockerignore, type IgnoreRules } from './dockerignore.js';
import type { Workspace } from './workspace.js';
import { posix } from 'node:path';

export interface BuildRequest {
  /** The context folder, as given (relative to the working folder). */
  context: string;
  /** `-f FILE` as given (relative to the working folder), or null: CONTEXT/Dockerfile. */
  dockerfile: string | null;
  tags: string[];
  quiet?: boolean;
}

export interface BuildResult extends CommandResult {
  image: LocalImage | null;
}

/** An image being built: the spec under construction, its files, its layer ID. */
interface Stage {
  spec: ImageSpec;
  files: Map<string, string>;
  root: string;
  id: string;
  cmdSet: boolean;
  added: string[];
  /** Diff IDs of the layers so far (RootFS.Layers). */
  layers: string[];
  /** Folders its WORKDIRs made. */
  dirs: Set<string>;
}

const short = (id: string): string => id.slice(0, 12);

/**
 * The context as the client sends it: the folder's files and folders (inline `file`
 * blocks included) less what .dockerignore leaves out.
 */
interface BuildContext {
  files: string[];
  folders: string[];
  ignore: IgnoreRules;
}

function contextOf(cwd: Workspace, req: BuildRequest, dockerfilePath: string): BuildContext {
  const ignore = readDockerignore(cwd.read(posix.join(req.context, '.dockerignore')), posix.relative(posix.normalize(req.context), posix.normalize(dockerfilePath)));
  const kept = (f: string): boolean => !ignore.excludes(f);
  return { files: cwd.filesUnder(req.context).filter(kept), folders: cwd.foldersUnder(req.context).filter(kept), ignore };
}

/** The context as a tar stream: a 512-byte header per file and folder, 512-byte blocks of content, 1024 bytes of end. */
function contextSize(cwd: Workspace, req: BuildRequest, ctx: BuildContext): number {
  const content = (f: string): number => Math.ceil(Buffer.byteLength(cwd.read(posix.join(req.context, f)) ?? '') / 512) * 512;
  return ctx.files.reduce((sum, f) => sum + 512 + content(f), 1024 + 512 * ctx.folders.length);
}

/** How a container of this image behaves when its command is the image's own. */
function behaviourOf(spec: ImageSpec): Pick<ImageSpec, 'behaviour' | 'listens'> {
  const config = { image: null, cmd: spec.cmd, entrypoint: spec.entrypoint, env: spec.env, tty: false, openStdin: false } as unknown as ContainerConfig;
  const plan = planProcess(config);
  return plan.kind === 'service' ? { behaviour: 'service', listens: plan.listens } : { behaviour: 'shell', listens: [] };
}

function absolute(dir: string, path: string): string {
  return posix.normalize(path.startsWith('/') ? path : posix.join(dir || '/', path));
}

/**
 * A step that worked: its output, the command its commit records (ContainerConfig.Cmd),
 * and whether it changed files (a layer of its own: moby's NewChildImage adds none for an
 * empty diff), with the bytes it added (the image's Size).
 */
type StepOutcome =
  | { ok: true; output: string; cmd: string[]; changed: boolean; bytes: number }
  | { ok: false; output: string; stderr: string; exitCode: number };

/**
 * The builder's hash of a context entry (remotecontext.NewFileHash): tarsum's v1 header
 * fields (name, mode, uid, gid, size, type …; no mtime), then the content. As the daemon
 * sees the extracted context here: root's files, 0644 and folders 0755, no user names.
 */
function contextHash(rel: string, content: string | null): string {
  const folder = content === null;
  const size = folder ? 0 : Buffer.byteLength(content);
  const header = `name${rel}${folder ? '/' : ''}mode${folder ? 0o40755 : 0o100644}uid0gid0size${size}typeflag${folder ? '5' : '0'}linkname`
    + 'unamegnamedevmajor0devminor0';
  return sha256(header + (content ?? ''));
}

/**
 * `dir:`: the sorted hashes of everything the walk of the folder meets, joined by commas
 * (walkSource; the folder itself too, unless it is the context's root).
 */
function folderHash(cwd: Workspace, req: BuildRequest, ctx: BuildContext, rel: string): string {
  const prefix = rel === '' ? '' : `${rel}/`;
  const hashes = [
    ...(rel === '' ? [] : [contextHash(rel, null)]),
    ...ctx.files.filter((f) => f.startsWith(prefix)).map((f) => contextHash(f, cwd.read(posix.join(req.context, f)) ?? '')),
    ...ctx.folders.filter((d) => d.startsWith(prefix) && d !== rel).map((d) => contextHash(d, null)),
  ];
  return sha256(hashes.sort().join(','));
}

/** The commit message of a metadata step, as the classic builder records it. */
const nop = (message: string): string[] => ['/bin/sh', '-c', '#(nop) ', message];

/** Go's `%q` of a []string: `["sh" "-c" "x"]` (CMD and ENTRYPOINT's commit messages). */
const goQuoted = (words: readonly string[]): string => `[${words.map((w) => JSON.stringify(w)).join(' ')}]`;

/** A folder the image already has: in the stand-in's tree, or holding one of its files. */
function hasFolder(stage: Stage, dir: string): boolean {
  if (dir === '/' || stage.dirs.has(dir)) return true;
  const rel = dir.replace(/^\/+/, '').replace(/\/?$/, '/');
  if (stage.spec.rootfs?.some((entry) => entry.startsWith(rel))) return true;
  for (const path of stage.files.keys()) if (path.startsWith(`/${rel}`)) return true;
  return false;
}

/**
 * A RUN whose commands change no file (moby commits an empty diff, so no layer). Anything
 * else — a redirect, a package install, a program the simulator does not know — is taken to
 * write something, as almost every RUN of a real Dockerfile does.
 */
/** `echo [-n] WORDS > FILE` and `>> FILE` in a RUN script: written into the image; the bytes the layer holds. */
function echoWrites(script: string, workdir: string, files: Map<string, string>): number {
  let bytes = 0;
  for (const part of script.split(/&&|;/)) {
    const m = /^\s*echo\s+(.*?)\s*(>>?)\s*([^\s<>|&]+)\s*$/.exec(part);
    if (!m) continue;
    const words = splitWords(m[1]!);
    const newline = words[0] === '-n' ? '' : '\n';
    if (words[0] === '-n') words.shift();
    const path = absolute(workdir, m[3]!);
    const content = (m[2] === '>>' ? (files.get(path) ?? '') : '') + words.join(' ') + newline;
    files.set(path, content);
    bytes += Buffer.byteLength(content);
  }
  return bytes;
}

const READ_ONLY = new Set(['true', ':', 'echo', 'printf', 'ls', 'cat', 'pwd', 'id', 'whoami', 'env', 'printenv', 'sleep', 'test', '[', 'uname', 'hostname', 'exit']);
const changesNoFile = (script: string): boolean =>
  !/[>]/.test(script) && script.split(/&&|\|\||;|\|/).every((part) => READ_ONLY.has(part.trim().split(/\s+/)[0] ?? 'true') || part.trim() === '');

function applyStep(cwd: Workspace, req: BuildRequest, ctx: BuildContext, stage: Stage, ins: Instruction): StepOutcome {
  const s = stage.spec;
  const metadata = (message: string): StepOutcome => ({ ok: true, output: '', cmd: nop(message), changed: false, bytes: 0 });
  switch (ins.keyword) {
    case 'ENV': {
      const pairs = keyValues(ins.rest);
      for (const [k, v] of pairs) s.env = [...s.env.filter((e) => !e.startsWith(`${k}=`)), `${k}=${v}`];
      return metadata(`ENV ${pairs.map(([k, v]) => `${k}=${v}`).join(' ')}`);
    }
    case 'LABEL': {
      const pairs = keyValues(ins.rest);
      s.labels = { ...s.labels, ...Object.fromEntries(pairs) };
      return metadata(`LABEL ${pairs.map(([k, v]) => `${k}=${v}`).join(' ')}`);
    }
    case 'USER':
      s.user = ins.rest;
      return metadata(`USER ${ins.rest}`);
    case 'WORKDIR': {
      s.workdir = absolute(s.workdir, ins.rest);
      // The builder makes the folder in an intermediate container: a layer when it is new.
      const made = !hasFolder(stage, s.workdir);
      if (made) stage.dirs.add(s.workdir);
      return { ok: true, output: '', cmd: ['/bin/sh', '-c', `#(nop) WORKDIR ${s.workdir}`], changed: made, bytes: 0 };
    }
    case 'EXPOSE': {
      const ports = splitWords(ins.rest);
      for (const w of ports) {
        const e = w.includes('/') ? w : `${w}/tcp`;
        if (!s.expose.includes(e)) s.expose = [...s.expose, e];
      }
      return metadata(`EXPOSE ${ports.join(' ')}`);
    }
    case 'CMD':
      s.cmd = commandForm(ins.rest);
      stage.cmdSet = true;
      return metadata(`CMD ${goQuoted(s.cmd)}`);
    case 'ENTRYPOINT':
      s.entrypoint = commandForm(ins.rest);
      // An ENTRYPOINT resets the CMD inherited from the base image.
      if (!stage.cmdSet) s.cmd = [];
      return metadata(`ENTRYPOINT ${goQuoted(s.entrypoint)}`);
    case 'COPY':
    case 'ADD': {
      let bytes = 0;
      const sources: string[] = [];
      const words = splitWords(ins.rest).filter((w) => !w.startsWith('--'));
      const dest = words.pop() ?? '/';
      for (const src of words) {
        const from = posix.join(req.context, src);
        const rel = posix.relative(posix.normalize(req.context), from);
        const sent = !ctx.ignore.excludes(rel);
        const content = sent ? cwd.read(from) : null;
        const prefix = rel === '' ? '' : `${rel}/`;
        const under = content === null ? ctx.files.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length)) : [];
        if (content === null && under.length === 0) {
          return { ok: false, output: '', exitCode: 1,
            stderr: `COPY failed: file not found in build context or excluded by .dockerignore: stat ${src}: file does not exist\n` };
        }
        const target = absolute(s.workdir, dest);
        const put = (path: string, text: string): void => {
          stage.files.set(path, text);
          bytes += Buffer.byteLength(text);
        };
        if (content !== null) put(dest.endsWith('/') || words.length > 1 ? posix.join(target, posix.basename(src)) : target, content);
        for (const f of under) put(posix.join(target, f), cwd.read(posix.join(from, f)) ?? '');
        sources.push(content !== null ? `file:${contextHash(rel, content)}` : `dir:${folderHash(cwd, req, ctx, rel)}`);
      }
      // moby's copier names what it copied by content: one source's hash, or several's.
      const source = sources.length === 1 ? sources[0]! : `multi:${sha256(sources.join(','))}`;
      return { ok: true, output: '', cmd: ['/bin/sh', '-c', `#(nop) ${ins.keyword} ${source} in ${dest} `], changed: true, bytes };
    }
    case 'RUN': {
      const script = commandForm(ins.rest);
      const text = script[0] === '/bin/sh' && script[1] === '-c' ? script[2] : script.join(' ');
      const r = runStep(packageManagerOf(stage.root), text);
      if (r.exitCode !== 0) {
        return { ok: false, output: r.output, exitCode: r.exitCode,
          stderr: `The command '${script.join(' ')}' returned a non-zero code: ${r.exitCode}\n` };
      }
      stage.added.push(...r.added);
      // Of what a RUN writes only `echo … > FILE` is modelled (the file and its bytes);
      // a package's files count no bytes.
      const bytes = echoWrites(text, s.workdir, stage.files);
      return { ok: true, output: r.output, cmd: script, changed: r.added.length > 0 || !changesNoFile(text), bytes };
    }
    default:
      // ARG, VOLUME, HEALTHCHECK, …: metadata the simulator does not model.
      return metadata(ins.original);
  }
}

function fromStage(ctrl: Controller, stages: Map<string, Stage>, ref: string): Stage | null {
  const named = stages.get(ref.toLowerCase());
  if (named) return { ...named, spec: { ...named.spec }, files: new Map(named.files), added: [...named.added], cmdSet: false, layers: [...named.layers], dirs: new Set(named.dirs) };
  const base = ctrl.images.get(ref);
  if (!base) return null;
  return { spec: { ...base.spec, env: [...base.spec.env], expose: [...base.spec.expose] }, files: new Map(base.files),
    root: base.root, id: base.id, cmdSet: false, added: [], layers: [...base.layers], dirs: new Set() };
}

export function buildImage(ctrl: Controller, cwd: Workspace, req: BuildRequest): BuildResult {
  const failed = (stdout: string, stderr: string, exitCode = 1): BuildResult => ({ stdout, stderr, exitCode, image: null });
  if (!cwd.hasDir(req.context)) return failed('', `unable to prepare context: path "${req.context}" not found\n`);
  const dockerfilePath = req.dockerfile ?? posix.join(req.context, 'Dockerfile');
  const text = cwd.read(dockerfilePath);
  if (text === null) {
    return failed('', `unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${absolute(cwd.dir, dockerfilePath)}: no such file or directory\n`);
  }
  const ctx = contextOf(cwd, req, dockerfilePath);
  let out = `Sending build context to Docker daemon ${humanSize(contextSize(cwd, req, ctx)).padStart(8)}\n`;
  const parsed = parseDockerfile(text);
  if (!parsed.ok) return failed(out, `Error response from daemon: ${parsed.message}\n`);
  const steps = parsed.instructions;
  const stages = new Map<string, Stage>();
  let stage: Stage | null = null;
  for (const [i, ins] of steps.entries()) {
    out += `Step ${i + 1}/${steps.length} : ${ins.original}\n`;
    if (ins.keyword === 'FROM') {
      const [ref, as, name] = splitWords(ins.rest);
      stage = fromStage(ctrl, stages, ref);
      if (!stage) {
        return failed(out, 'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host\n');
      }
      if (as?.toUpperCase() === 'AS' && name) stages.set(name.toLowerCase(), stage);
      out += ` ---> ${short(stage.id)}\n`;
      continue;
    }
    if (!stage) continue;
    const id = imageId(`${stage.id}\n${ins.original}`);
    const cached = ctrl.images.layer(id) !== undefined;
    const container = imageId(`build-container:${id}`);
    const r = applyStep(cwd, req, ctx, stage, ins);
    // COPY and ADD write a layer straight from the context (moby's performCopy →
    // exportImage); every other step runs or commits an intermediate container.
    const inContainer = ins.keyword !== 'COPY' && ins.keyword !== 'ADD';
    const running = inContainer ? ` ---> Running in ${short(container)}\n` : '';
    if (!r.ok) return failed(`${out}${running}${r.output}`, r.stderr, r.exitCode);
    if (cached) out += ' ---> Using cache\n';
    else out += inContainer ? `${running}${r.output}Removing intermediate container ${short(container)}\n` : r.output;
    out += ` ---> ${short(id)}\n`;
    // Each step is an image of its own (the classic builder commits one per step), its
    // parent the step before: `docker images -a` lists them, `Parent` names them.
    stage.spec.size += r.bytes;
    if (r.changed) stage.layers.push(imageId(`diff:${id}`));
    ctrl.images.commit({ id, parent: stage.id, spec: { ...stage.spec, env: [...stage.spec.env], expose: [...stage.spec.expose] },
      files: new Map(stage.files), root: stage.root, layers: [...stage.layers], step: { container, cmd: r.cmd } }, ctrl.clock.now());
    stage.id = id;
  }
  if (!stage) return failed(out, 'Error response from daemon: No image was generated. Is your Dockerfile empty?\n');
  const spec = stage.spec;
  if (stage.added.length > 0) spec.tools = [...new Set([...(spec.tools ?? BUSYBOX_APPLETS), ...stage.added])];
  const changed = (ctrl.images.get(stage.root)?.spec.cmd.join('\0') !== spec.cmd.join('\0'))
    || (ctrl.images.get(stage.root)?.spec.entrypoint.join('\0') !== spec.entrypoint.join('\0'));
  if (changed) Object.assign(spec, behaviourOf(spec), { requiredEnv: undefined, startLog: undefined });
  spec.standIn = false;
  // The last step's image, with what the steps after its commit settled (tools, behaviour).
  const committed = ctrl.images.layer(stage.id);
  const result: LocalImage = { ...(committed ?? { built: true, seq: 0, created: ctrl.clock.now(), parent: '', step: null, lastTagTime: null }),
    spec, id: stage.id, files: stage.files, root: stage.root, layers: stage.layers };
  if (committed) Object.assign(committed, { spec, files: stage.files });
  let image: LocalImage = result;
  const tagged = ctrl.clock.now();
  for (const tag of req.tags) image = ctrl.images.tag(tag, result, tagged);
  out += `Successfully built ${short(stage.id)}\n` + req.tags.map((t) => `Successfully tagged ${normalisedTag(t)}\n`).join('');
  return { stdout: req.quiet ? `sha256:${stage.id}\n` : out, stderr: '', exitCode: 0, image };
}

const normalisedTag = (t: string): string => (t.slice(t.lastIndexOf('/') + 1).includes(':') ? t : `${t}:latest`);

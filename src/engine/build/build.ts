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
import { imageId, type LocalImage } from './images.js';
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

type StepOutcome = { ok: true; output: string } | { ok: false; output: string; stderr: string; exitCode: number };

function applyStep(cwd: Workspace, req: BuildRequest, ctx: BuildContext, stage: Stage, ins: Instruction): StepOutcome {
  const s = stage.spec;
  switch (ins.keyword) {
    case 'ENV':
      for (const [k, v] of keyValues(ins.rest)) s.env = [...s.env.filter((e) => !e.startsWith(`${k}=`)), `${k}=${v}`];
      break;
    case 'WORKDIR':
      s.workdir = absolute(s.workdir, ins.rest);
      break;
    case 'EXPOSE':
      for (const w of splitWords(ins.rest)) {
        const e = w.includes('/') ? w : `${w}/tcp`;
        if (!s.expose.includes(e)) s.expose = [...s.expose, e];
      }
      break;
    case 'CMD':
      s.cmd = commandForm(ins.rest);
      stage.cmdSet = true;
      break;
    case 'ENTRYPOINT':
      s.entrypoint = commandForm(ins.rest);
      // An ENTRYPOINT resets the CMD inherited from the base image.
      if (!stage.cmdSet) s.cmd = [];
      break;
    case 'COPY':
    case 'ADD': {
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
        if (content !== null) stage.files.set(dest.endsWith('/') || words.length > 1 ? posix.join(target, posix.basename(src)) : target, content);
        for (const f of under) stage.files.set(posix.join(target, f), cwd.read(posix.join(from, f)) ?? '');
      }
      break;
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
      return { ok: true, output: r.output };
    }
    default:
      // LABEL, USER, ARG, VOLUME, …: metadata the simulator does not model.
      break;
  }
  return { ok: true, output: '' };
}

function fromStage(ctrl: Controller, stages: Map<string, Stage>, ref: string): Stage | null {
  const named = stages.get(ref.toLowerCase());
  if (named) return { ...named, spec: { ...named.spec }, files: new Map(named.files), added: [...named.added], cmdSet: false };
  const base = ctrl.images.get(ref);
  if (!base) return null;
  return { spec: { ...base.spec, env: [...base.spec.env], expose: [...base.spec.expose] }, files: new Map(base.files),
    root: base.root, id: base.id, cmdSet: false, added: [] };
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
    ctrl.images.commit({ id, parent: stage.id, spec: { ...stage.spec, env: [...stage.spec.env], expose: [...stage.spec.expose] },
      files: new Map(stage.files), root: stage.root }, ctrl.clock.now());
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
  const result: LocalImage = { ...(committed ?? { built: true, seq: 0, created: ctrl.clock.now(), parent: '' }),
    spec, id: stage.id, files: stage.files, root: stage.root };
  if (committed) Object.assign(committed, { spec, files: stage.files });
  let image: LocalImage = result;
  for (const tag of req.tags) image = ctrl.images.tag(tag, result);
  out += `Successfully built ${short(stage.id)}\n` + req.tags.map((t) => `Successfully tagged ${normalisedTag(t)}\n`).join('');
  return { stdout: req.quiet ? `sha256:${stage.id}\n` : out, stderr: '', exitCode: 0, image };
}

const normalisedTag = (t: string): string => (t.slice(t.lastIndexOf('/') + 1).includes(':') ? t : `${t}:latest`);

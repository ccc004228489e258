// The daemon's local image store: the catalog's images (present from the start) and the
// images `docker build` (or compose's `build:`) produced, by normalised reference.
// IDs are content-like: the same base plus the same instructions give the same ID, so
// a rebuild says "Using cache" as the classic builder does.
import { createHash } from 'node:crypto';
import { catalogRefs, findImage, type ImageSpec, normaliseRef } from '../images/catalog.js';
import { instant } from '../ids.js';

export interface LocalImage {
  spec: ImageSpec;
  /** 64 hex, without `sha256:`. */
  id: string;
  /** Files the image carries (path → content): nginx's index.html, COPY'd files. */
  files: ReadonlyMap<string, string>;
  /** Built in this engine (listed as new), or from the catalog. */
  built: boolean;
  /** The catalog image at the root of its FROM chain (decides the package manager). */
  root: string;
  /** Order of creation: catalog images count up to 0 in the order they were built (the
   *  list of build-images.sh), a build's images after them. */
  seq: number;
  /** RFC 3339, as `Created` prints it. */
  created: string;
  /** The image a build step ran on ('' for an imported image). */
  parent: string;
  /** The diff IDs of its layers, bottom first (64 hex): a step that changed no file adds none. */
  layers: readonly string[];
  /** A build step's: the intermediate container and the command it committed (inspect's
   *  Container and ContainerConfig); null for an imported image. */
  step: BuildStep | null;
  /** RFC 3339: when a tag was last put on it; null: never tagged (a build step's image). */
  lastTagTime: string | null;
}

export interface BuildStep {
  /** 64 hex. */
  container: string;
  /** `["/bin/sh","-c","#(nop) ","ENV A=b"]`, `["/bin/sh","-c","echo hi > /x"]`. */
  cmd: string[];
}

/** SHA-256 of a text, in hex: image and layer IDs, and the builder's context hashes. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
export const imageId = sha256;

/** How the daemon names an image it did not find: an ID as given, a name with its tag (`No such image: x:latest`). */
export const missingImageName = (ref: string): string => (/^(sha256:)?[0-9a-f]+$/.test(ref) ? ref : normaliseRef(ref));

/** Where the image's HTTP server serves from (`httpd -h DIR`), for its page file. */
function docroot(spec: Omit<ImageSpec, 'ref'>, ref: string): string {
  const argv = [...spec.entrypoint, ...spec.cmd];
  const h = argv.indexOf('-h');
  if (h >= 0 && argv[h + 1]) return argv[h + 1];
  return ref.startsWith('httpd:') ? '/usr/local/apache2/htdocs' : spec.workdir || '/';
}

// A catalog image is the same in every engine: built (and its ID hashed) once per ref,
// not on every `docker run`. Frozen, because every Controller shares it.
const catalogImages = new Map<string, LocalImage>();

function catalogImage(ref: string): LocalImage | undefined {
  let image = catalogImages.get(ref);
  if (image === undefined) {
    image = buildCatalogImage(ref);
    if (!image) return undefined;
    catalogImages.set(ref, image);
  }
  return image;
}

function buildCatalogImage(ref: string): LocalImage | undefined {
  const spec = findImage(ref);
  if (!spec) return undefined;
  const files = new Map<string, string>();
  if (spec.page) files.set(`${docroot(spec, ref).replace(/\/$/, '')}/index.html`, spec.page);
  // Imported about an hour before the scenario starts, a second apart in catalog order
  // (the order the stand-ins are built in), as on the real engine.
  const order = catalogRefs().indexOf(ref) - catalogRefs().length;
  const created = instant(order - 3600);
  return Object.freeze({ spec: Object.freeze(spec), id: imageId(`image:${ref}`), files, built: false, root: ref, seq: order,
    created, parent: '', layers: [imageId(`layer:${ref}`)], step: null, lastTagTime: created });
}

let catalogIdMap: Map<string, string> | null = null;

/** Catalog image IDs → refs (an ID is a hash of the ref: computed once). */
function catalogIds(): Map<string, string> {
  return (catalogIdMap ??= new Map(catalogRefs().map((ref) => [imageId(`image:${ref}`), ref])));
}

/** One row of `docker images`: a tag of an image, or an untagged image (`<none>`). */
export interface ImageRow {
  /** The tag (`nginx:latest`), or null for an untagged image. */
  ref: string | null;
  image: LocalImage;
  /** Some image was built on this one (a build step's). */
  hasChildren: boolean;
}

/** A step of a build, committed as the classic builder does: an image of its own. */
export interface CommitRequest {
  id: string;
  /** The image the step ran on (its parent). */
  parent: string;
  spec: ImageSpec;
  files: ReadonlyMap<string, string>;
  root: string;
  layers: readonly string[];
  step: BuildStep;
}

export class ImageStore {
  private readonly tagged = new Map<string, LocalImage>();
  /** Every image a build committed (each step's, the last one the build's result), by ID. */
  private readonly committed = new Map<string, LocalImage>();
  /** Catalog references `docker rmi` untagged (the catalog's images are there until then). */
  private readonly untaggedCatalog = new Set<string>();
  /** Images `docker rmi` or `image prune` deleted (kept by ID: a container keeps its image's files). */
  private readonly deleted = new Set<string>();
  private seq = 0;

  /** The image a reference names, if present locally. */
  get(ref: string): LocalImage | undefined {
    const key = normaliseRef(ref);
    return this.tagged.get(key) ?? (this.untaggedCatalog.has(key) ? undefined : catalogImage(key));
  }

  /** What `docker run IMAGE` needs: the image's spec, or undefined (not present). */
  find(ref: string): ImageSpec | undefined {
    return this.get(ref)?.spec;
  }

  /** A step the builder already committed (a repeated step is "Using cache"). */
  layer(id: string): LocalImage | undefined {
    return this.deleted.has(id) ? undefined : this.committed.get(id);
  }

  /** Commits a build step's image (once: a cached step keeps its first commit). */
  commit(step: CommitRequest, created: string): LocalImage {
    // (A step `rmi` deleted is built again: no cache, a new image.)
    const known = this.layer(step.id);
    if (known) return known;
    const image: LocalImage = { spec: step.spec, id: step.id, files: step.files, built: true, root: step.root, seq: ++this.seq,
      created, parent: step.parent, layers: step.layers, step: step.step, lastTagTime: null };
    this.committed.set(step.id, image);
    this.deleted.delete(step.id);
    return image;
  }

  /** Tags an image a build made (replacing what the tag named before, as `docker build -t`
   *  does: that image stays, untagged, as `<none>`). */
  tag(ref: string, image: LocalImage, when: string): LocalImage {
    return this.name(ref, { ...image, built: true, seq: ++this.seq }, when);
  }

  /** `docker tag`: one more name for an image, which keeps its age and place in the list. */
  alias(ref: string, image: LocalImage, when: string): LocalImage {
    return this.name(ref, image, when);
  }

  private name(ref: string, image: LocalImage, when: string): LocalImage {
    const key = normaliseRef(ref);
    this.deleted.delete(image.id);
    const stored: LocalImage = { ...image, spec: { ...image.spec, ref: key }, lastTagTime: when };
    // LastTagTime is the image's, whichever tag: the other tags of this ID see it too.
    for (const [other, named] of this.tagged) if (named.id === image.id) this.tagged.set(other, { ...named, lastTagTime: when });
    this.tagged.set(key, stored);
    return stored;
  }

  /** The image of an ID (64 hex): what a container was made from, whatever its tag names now. */
  byId(id: string): LocalImage | undefined {
    const built = this.committed.get(id);
    if (built) return built;
    for (const image of this.tagged.values()) if (image.id === id) return image;
    const ref = catalogIds().get(id);
    return ref === undefined ? undefined : catalogImage(ref);
  }

  /**
   * The image a name or ID names: a tag first, then a full or short ID (with or without
   * `sha256:`), as the daemon's GetImage looks.
   */
  lookup(name: string): LocalImage | undefined {
    const byRef = /^[0-9a-f]{64}$/.test(name) ? undefined : this.get(name);
    if (byRef) return byRef;
    const hex = name.replace(/^sha256:/, '');
    if (!/^[0-9a-f]+$/.test(hex)) return undefined;
    for (const image of this.all()) if (image.id.startsWith(hex)) return image;
    return undefined;
  }

  /** The tags naming an image, sorted as the reference store sorts them (RepoTags). */
  tagsOf(id: string): string[] {
    return this.refs().filter((ref) => this.get(ref)?.id === id).sort();
  }

  /**
   * `docker images [-a]`: newest first. Untagged images show when nothing was built on
   * them (dangling: a tag moved away, a build without -t); with -a the intermediate
   * images of every build step too.
   */
  rows(all: boolean): ImageRow[] {
    const rows: ImageRow[] = [];
    const parents = this.liveParents();
    const taggedIds = new Set<string>();
    for (const ref of this.refs()) {
      const image = this.get(ref)!;
      rows.push({ ref, image, hasChildren: parents.has(image.id) });
      taggedIds.add(image.id);
    }
    for (const image of this.untagged())
      if (!taggedIds.has(image.id) && (all || !parents.has(image.id))) rows.push({ ref: null, image, hasChildren: parents.has(image.id) });
    return rows.sort((a, b) => b.image.seq - a.image.seq || ((a.ref ?? '') < (b.ref ?? '') ? -1 : 1));
  }

  /** Every tag in the store. */
  refs(): string[] {
    return [...new Set([...catalogRefs().filter((r) => !this.untaggedCatalog.has(r)), ...this.tagged.keys()])];
  }

  /** Images present without a tag of their own: build steps, untagged builds, untagged catalog images. */
  private untagged(): LocalImage[] {
    const out = [...this.committed.values()].filter((i) => !this.deleted.has(i.id));
    for (const ref of this.untaggedCatalog) {
      const image = catalogImage(ref);
      if (image && !this.deleted.has(image.id) && !out.some((i) => i.id === image.id)) out.push(image);
    }
    return out;
  }

  /** Every image present (each once). */
  all(): LocalImage[] {
    const seen = new Map<string, LocalImage>();
    for (const ref of this.refs()) {
      const image = this.get(ref)!;
      if (!seen.has(image.id)) seen.set(image.id, image);
    }
    for (const image of this.untagged()) if (!seen.has(image.id)) seen.set(image.id, image);
    return [...seen.values()];
  }

  /** IDs some present image was built on: what `docker images` hides unless -a, what `rmi` keeps. */
  liveParents(): Set<string> {
    const parents = new Set<string>();
    for (const image of this.committed.values()) if (!this.deleted.has(image.id) && image.parent !== '') parents.add(image.parent);
    return parents;
  }

  /** `docker rmi REF`: the tag no longer names anything. */
  untag(ref: string): void {
    const key = normaliseRef(ref);
    this.tagged.delete(key);
    if (catalogRefs().includes(key)) this.untaggedCatalog.add(key);
  }

  /** The image of this ID is present (tagged, or untagged but not deleted). */
  present(id: string): boolean {
    return !this.deleted.has(id) && this.byId(id) !== undefined;
  }

  /** `docker rmi`: the image is gone from the store (its tags must be gone first). */
  remove(id: string): void {
    this.deleted.add(id);
  }
}

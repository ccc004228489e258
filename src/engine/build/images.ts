// The daemon's local image store: the catalog's images (present from the start) and the
// images `docker build` (or compose's `build:`) produced, by normalised reference.
// IDs are content-like: the same base plus the same instructions give the same ID, so
// a rebuild says "Using cache" as the classic builder does.
import { createHash } from 'node:crypto';
import type { ImageView } from '../format/lists.js';
import { catalogRefs, findImage, type ImageSpec, normaliseRef } from '../images/catalog.js';

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
  seq: number;
}

export const imageId = (seed: string): string => createHash('sha256').update(seed).digest('hex');

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
  return Object.freeze({ spec: Object.freeze(spec), id: imageId(`image:${ref}`), files, built: false, root: ref, seq: 0 });
}

export class ImageStore {
  private readonly tagged = new Map<string, LocalImage>();
  /** Layer IDs built so far: a repeated step is "Using cache". */
  readonly layers = new Set<string>();
  private seq = 0;

  /** The image a reference names, if present locally. */
  get(ref: string): LocalImage | undefined {
    const key = normaliseRef(ref);
    return this.tagged.get(key) ?? catalogImage(key);
  }

  /** What `docker run IMAGE` needs: the image's spec, or undefined (not present). */
  find(ref: string): ImageSpec | undefined {
    return this.get(ref)?.spec;
  }

  /** Tags an image (replacing what the tag named before, as `docker build -t` does). */
  tag(ref: string, image: Omit<LocalImage, 'seq' | 'built'>): LocalImage {
    const key = normaliseRef(ref);
    const stored: LocalImage = { ...image, spec: { ...image.spec, ref: key }, built: true, seq: ++this.seq };
    this.tagged.set(key, stored);
    return stored;
  }

  untag(ref: string): boolean {
    return this.tagged.delete(normaliseRef(ref));
  }

  /** `docker images`: newest first, the catalog's images after the built ones. */
  list(): ImageView[] {
    const refs = new Set([...catalogRefs(), ...this.tagged.keys()]);
    const images = [...refs].map((ref) => ({ ref, image: this.get(ref)! }));
    images.sort((a, b) => b.image.seq - a.image.seq || (a.ref < b.ref ? -1 : 1));
    return images.map(({ ref, image }) => {
      const colon = ref.lastIndexOf(':');
      return { repository: ref.slice(0, colon), tag: ref.slice(colon + 1), id: image.id,
        createdSince: image.built ? 'Less than a second ago' : 'About an hour ago', size: '1.98MB' };
    });
  }
}

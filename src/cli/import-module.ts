// import() of a user's module (a custom reporter), through a function the launcher may
// replace. Why: the bundle runs as a vm.Script (bin/load-bundle.js), and there import()
// has no module loader — Node 20 drops the script's dynamic-import callback when V8's code
// cache is used — so bin/load-bundle.js hands over an import() of its own ES module.
type Importer = (url: string) => Promise<unknown>;

let importer: Importer = (url) => import(url);

export function setModuleImporter(fn: Importer): void {
  importer = fn;
}

export function importModule(url: string): Promise<unknown> {
  return importer(url);
}

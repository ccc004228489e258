// The table-printing commands, in one place for the engine to import: `docker ps`,
// `docker network ls`, `docker port`, `docker images`, `docker volume ls`.

export { psTable, psStatus, type PsOptions } from './ps.js';
export { networkLs, imagesTable, volumeLs, type NetworkLsOptions, type ImageView, type ImagesOptions, type VolumeView, type VolumeLsOptions } from './lists.js';
export { portCommand, displayablePorts, portsOf } from './ports.js';
export { tabwrite } from './tabwriter.js';

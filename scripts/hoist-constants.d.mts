// Types of scripts/hoist-constants.mjs (a build script, imported by a test).
export function hoistConstants(code: string): { code: string; constants: number };

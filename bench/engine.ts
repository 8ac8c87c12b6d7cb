// What the benchmark measures in-process: the engine exactly as the CLI and server use it.
export { lint, LintCache } from '../server/src/engine/lint';
export { bundledGlossaryFiles, GlossaryStore } from '../server/src/glossary/files';
export { LineIndex } from '../server/src/engine/text';
export { autoJobs } from '../server/src/cli/pool';

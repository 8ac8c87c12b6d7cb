// Preloaded (node --require) into the CLI processes that bench/workspace.mjs
// times: at exit, writes the process's CPU time (every thread: the lint
// threads, V8's compiler and garbage-collector threads) to BENCH_CPU_FILE.
const fs = require('node:fs');

process.on('exit', () => {
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  fs.writeFileSync(process.env.BENCH_CPU_FILE, String((userCPUTime + systemCPUTime) / 1000));
});

// How the language server process is started: the extension, the benchmark
// and the language-server tests all use these Node options, so what is
// measured and tested is what users run.

/**
 * V8's young generation at 2 MB semi-spaces instead of 16 MB. The server's
 * work comes in small steps (one parse unit at a time) whose objects die
 * young, so a small nursery costs no measurable time, and the process keeps
 * about 25 MB less resident with a book-length draft open (bench/RESULTS.md
 * measures it both ways).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=2'];

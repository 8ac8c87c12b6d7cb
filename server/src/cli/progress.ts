// The CLI's progress line: on a terminal's stderr, rewritten in place;
// nothing when stderr is a file or pipe, or in CI (logs would fill with it).

export interface Progress {
  tick(): void;
  done(): void;
}

const SILENT: Progress = { tick() {}, done() {} };

export function progress(stream: NodeJS.WritableStream, total: number, env = process.env): Progress {
  if (!(stream as NodeJS.WriteStream).isTTY || env.CI || total < 2) return SILENT;
  let count = 0;
  let last = 0;
  const draw = () => stream.write(`\r\x1b[Kpsylint: ${count}/${total} files`);
  return {
    tick() {
      count++;
      // At most ten redraws a second: a terminal is slower than the linter on small files.
      const now = Date.now();
      if (now - last >= 100 || count === total) {
        last = now;
        draw();
      }
    },
    done() {
      stream.write('\r\x1b[K');
    },
  };
}

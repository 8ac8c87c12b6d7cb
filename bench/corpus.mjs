// Builds the benchmark corpora deterministically: real Markdown prose
// (README and docs files of installed packages, in sorted path order)
// interleaved with psychology drafts, cut into nested documents of about
// 1k, 10k, 100k and 1M words, plus a disjoint warm-up document.
//
// A "word" is a run of non-whitespace characters (what `wc -w` counts),
// code and markup included, the same count for every tool.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SIZES = [
  { key: '1k', target: 1_000 },
  { key: '10k', target: 10_000 },
  { key: '100k', target: 100_000 },
  { key: '1M', target: 1_000_000 },
];
const WARMUP_WORDS = 3_000;
/** Share of the words that come from psychology drafts. */
const PSYCH_SHARE = 0.2;

export function countWords(text) {
  let n = 0;
  const re = /\S+/g;
  while (re.exec(text)) n++;
  return n;
}

function listFiles(dir, accept, out = []) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isSymbolicLink()) continue;
    if (e.isDirectory()) listFiles(p, accept, out);
    else if (e.isFile() && accept(p)) out.push(p);
  }
  return out;
}

const isPackageProse = (p) => {
  const base = path.basename(p);
  if (/^readme\.(md|markdown)$/i.test(base)) return true;
  return /\.(md|markdown)$/i.test(base) && /[\\/]docs?[\\/]/.test(p) && !/changelog|history|license/i.test(base);
};

/** Files whose letters are mostly Latin (skip translated READMEs). */
function mostlyLatin(text) {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length < 200) return false;
  const latin = letters.filter((c) => /\p{Script=Latin}/u.test(c)).length;
  return latin / letters.length > 0.99;
}

/** Text cleaned up for concatenation: LF line ends, no BOM, no front matter, fences and comments closed. */
function normalize(text) {
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  text = text.replace(/^---\n[\s\S]*?\n(---|\.\.\.)\n/, '');
  const lines = text.split('\n');
  let fence;
  let inComment = false;
  for (const line of lines) {
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (open) fence = open[1];
    else if (line.includes('<!--') && !line.slice(line.lastIndexOf('<!--')).includes('-->')) inComment = true;
  }
  let out = text.replace(/\s+$/, '');
  if (fence) out += '\n' + fence;
  if (inComment) out += ' -->';
  return out;
}

/** Cut at blank lines outside fenced code and HTML comments. */
function chunks(text) {
  const out = [];
  let current = [];
  let fence;
  let inComment = false;
  for (const line of text.split('\n')) {
    if (!fence && !inComment && line.trim() === '') {
      if (current.length) out.push(current.join('\n'));
      current = [];
      continue;
    }
    current.push(line);
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) fence = undefined;
    } else if (inComment) {
      if (line.includes('-->')) inComment = false;
    } else {
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (open) fence = open[1];
      else if (line.includes('<!--') && !line.slice(line.lastIndexOf('<!--')).includes('-->')) inComment = true;
    }
  }
  if (current.length) out.push(current.join('\n'));
  return out;
}

/**
 * A later copy of a psychology draft differs from the first in its prose
 * paragraphs ("Revision 2. " in front of each), so no engine can answer a
 * repeated paragraph from a cache keyed by its text: a real 1M-word document
 * does not repeat its paragraphs. Headings, code, tables and HTML stay as
 * they are.
 */
function revise(chunk, revision) {
  if (revision === 0) return chunk;
  return chunk.replace(/^( {0,3}(?:[-*+]|\d+[.)]) +)?(?=[\p{L}*_[("“'@])/u, (m, marker = '') => `${marker}Revision ${revision + 1}. `);
}

export function sources(root) {
  const psych = [
    ...listFiles(path.join(root, 'examples'), (p) => /\.(md|qmd|rmd)$/i.test(p)).sort(),
    ...listFiles(path.join(root, 'eval', 'drafts'), (p) => /\.(md|qmd|rmd)$/i.test(p)).sort(),
    ...listFiles('/work/shared/corpus', (p) => /\.md$/i.test(p)).sort(),
  ];
  // Package prose: this project's node_modules, then the npm that ships with Node, then Node's own docs when installed.
  const proseRoots = [
    path.join(root, 'node_modules'),
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm'),
    '/usr/share/doc/nodejs',
  ];
  const seen = new Set();
  const prose = [];
  for (const r of proseRoots) {
    for (const file of listFiles(r, isPackageProse).sort()) {
      const text = fs.readFileSync(file, 'utf8');
      const hash = crypto.createHash('sha1').update(text).digest('hex');
      if (seen.has(hash) || !mostlyLatin(text)) continue;
      seen.add(hash);
      prose.push(file);
    }
  }
  return { psych, prose, proseRoots: proseRoots.filter((r) => fs.existsSync(r)) };
}

/**
 * Generates chunks forever, keeping psychology drafts at about PSYCH_SHARE of
 * the words: whole drafts in sorted order (revised on later rounds), and
 * between them package prose chunk by chunk. A prose paragraph of 8 words or
 * more that already appeared (licence and contribution boilerplate repeated
 * across READMEs) is skipped.
 */
function* stream(src) {
  const psych = src.psych.map((f) => chunks(normalize(fs.readFileSync(f, 'utf8'))));
  const seen = new Set();
  let psychWords = 0;
  let proseWords = 0;
  let d = 0;
  let p = 0;
  let proseRound = 0;
  let pending = [];
  for (;;) {
    if (psychWords <= PSYCH_SHARE * (psychWords + proseWords)) {
      const revision = Math.floor(d / psych.length);
      for (const c of psych[d % psych.length]) {
        const text = revise(c, revision);
        psychWords += countWords(text);
        yield { text, kind: 'psych' };
      }
      d++;
      continue;
    }
    while (pending.length === 0) {
      if (p === src.prose.length) {
        p = 0;
        proseRound++;
        seen.clear();
      }
      pending = chunks(normalize(fs.readFileSync(src.prose[p++], 'utf8'))).map((c) => revise(c, proseRound));
    }
    const text = pending.shift();
    const words = countWords(text);
    if (words >= 8) {
      if (seen.has(text)) continue;
      seen.add(text);
    }
    proseWords += words;
    yield { text, kind: 'prose' };
  }
}

/** Builds (or reuses, when the inputs are unchanged) bench/tmp/corpus-*.md and warmup.md. */
/** Writes one corpus size and records its file, words, bytes, duplicate share and hash. */
function writeCorpus(result, key, file, parts, dupWords, words) {
  const text = parts.join('\n\n') + '\n';
  fs.writeFileSync(file, text);
  result.files[key] = file;
  result.words[key] = countWords(text);
  result.bytes[key] = Buffer.byteLength(text);
  result.duplicateParagraphShare[key] = +(dupWords / words).toFixed(4);
  result.sha1[key] = crypto.createHash('sha1').update(text).digest('hex').slice(0, 12);
}

/** Warm-up document: the stream's continuation, so it shares no paragraph with the measured corpora. */
function writeWarmup(result, gen, file) {
  const warm = [];
  let warmWords = 0;
  while (warmWords < WARMUP_WORDS) {
    const { text } = gen.next().value;
    warm.push(text);
    warmWords += countWords(text);
  }
  const warmText = warm.join('\n\n') + '\n';
  result.files.warmup = file;
  fs.writeFileSync(file, warmText);
  result.words.warmup = countWords(warmText);
}

export function buildCorpora(root, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const src = sources(root);
  const parts = [];
  const stats = { psych: 0, prose: 0 };
  const gen = stream(src);
  const result = { files: {}, words: {}, bytes: {}, psychShare: {}, duplicateParagraphShare: {}, sha1: {} };
  let words = 0;
  const seenChunks = new Map();
  let dupWords = 0;
  for (const size of SIZES) {
    while (words < size.target) {
      const { text, kind } = gen.next().value;
      const w = countWords(text);
      parts.push(text);
      words += w;
      stats[kind] += w;
      if (seenChunks.has(text)) dupWords += w;
      else seenChunks.set(text, true);
    }
    writeCorpus(result, size.key, path.join(outDir, `corpus-${size.key}.md`), parts, dupWords, words);
    result.psychShare[size.key] = +(stats.psych / words).toFixed(3);
  }
  writeWarmup(result, gen, path.join(outDir, 'warmup.md'));
  result.sources = { psychDrafts: src.psych.map((f) => path.relative(root, f)), proseFiles: src.prose.length, proseRoots: src.proseRoots };
  return result;
}

/**
 * The psychology drafts the benchmark's first table reads: the project's own
 * (examples/, eval/drafts/, eval/heldout…/drafts/), then ../shared/realworld/
 * and ../shared/corpus/ when present (read at run time, never copied into
 * the repository), each set in sorted path order.
 */
export function psychSources(root) {
  const draft = (p) => /\.(md|qmd|rmd)$/i.test(p);
  const evalDir = path.join(root, 'eval');
  const heldout = fs.existsSync(evalDir) ? fs.readdirSync(evalDir).filter((d) => /^heldout/.test(d)).sort().map((d) => path.join(evalDir, d, 'drafts')) : [];
  const dirs = [path.join(root, 'examples'), path.join(evalDir, 'drafts'), ...heldout, path.join(root, '..', 'shared', 'realworld'), path.join(root, '..', 'shared', 'corpus')];
  // A folder's README describes the files, it is not one of the drafts.
  return dirs.flatMap((d) => listFiles(d, (p) => draft(p) && !/^readme\./i.test(path.basename(p))).sort());
}

/**
 * A paragraph made unique for its round: round 0 is the draft as written;
 * later rounds put "Revision n." before the first words of prose, of a
 * heading, list item or quote (after its marker), of a table (its first
 * cell) and of an HTML block (its first text), so no cache keyed by a
 * paragraph's text can answer a repetition. Code and front matter stay.
 */
function vary(chunk, round) {
  if (round === 0 || /^(?: {4}|\t| {0,3}(?:`{3}|~{3}|\+\+\+|---))/.test(chunk)) return chunk;
  const tag = `Revision ${round + 1}.`;
  const marker = /^ {0,3}(?:#{1,6} +|>+ *|[-*+] +|\d+[.)] +)*/.exec(chunk)[0];
  const rest = chunk.slice(marker.length);
  if (rest.startsWith('|')) return `${marker}| ${tag}${rest.slice(1)}`;
  if (rest.startsWith('<')) return marker + rest.replace(/>(?=\s*[\p{L}*_"“(])/u, `>${tag} `);
  return `${marker}${tag} ${rest}`;
}

/** Chunks of the psychology drafts, round after round; `repeated` marks text from a second or later round. */
function* psychStream(files) {
  const drafts = files.map((f) => chunks(normalize(fs.readFileSync(f, 'utf8'))));
  for (let round = 0; ; round++) for (const draft of drafts) for (const c of draft) yield { text: vary(c, round), repeated: round > 0 };
}

/**
 * Builds bench/tmp/psych-*.md: psychology drafts only, cut and repeated to
 * 1k, 10k, 100k and 1M words (each size a prefix of the next), plus a
 * warm-up document from the stream's continuation. Reports how much of each
 * size is repeated source text and how much is an exact repeat of an earlier
 * paragraph (code and tables that no variation touches).
 */
export function buildPsychCorpora(root, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const files = psychSources(root);
  if (files.length === 0) throw new Error('no psychology drafts found for the benchmark');
  const gen = psychStream(files);
  const result = { files: {}, words: {}, bytes: {}, repeatedShare: {}, duplicateParagraphShare: {}, sha1: {} };
  const parts = [];
  const seen = new Set();
  let words = 0;
  let repeatedWords = 0;
  let dupWords = 0;
  for (const size of SIZES) {
    while (words < size.target) {
      const { text, repeated } = gen.next().value;
      const w = countWords(text);
      parts.push(text);
      words += w;
      if (repeated) repeatedWords += w;
      if (seen.has(text)) dupWords += w;
      else seen.add(text);
    }
    writeCorpus(result, size.key, path.join(outDir, `psych-${size.key}.md`), parts, dupWords, words);
    result.repeatedShare[size.key] = +(repeatedWords / words).toFixed(3);
  }
  writeWarmup(result, gen, path.join(outDir, 'psych-warmup.md'));
  result.sources = { psychDrafts: files.map((f) => path.relative(root, f)), sourceWords: files.reduce((n, f) => n + countWords(normalize(fs.readFileSync(f, 'utf8'))), 0) };
  return result;
}

/**
 * A generated workspace of `count` drafts of about `wordsPerFile` words each,
 * cut from the same psychology stream (so no two files share a paragraph),
 * spread over folders of 50. Returns the folder, the total word count and the
 * total length in characters.
 */
export function buildWorkspace(root, dir, count, wordsPerFile) {
  fs.rmSync(dir, { recursive: true, force: true });
  const gen = psychStream(psychSources(root));
  let total = 0;
  let chars = 0;
  for (let i = 0; i < count; i++) {
    const parts = [];
    let words = 0;
    while (words < wordsPerFile) {
      const { text } = gen.next().value;
      parts.push(text);
      words += countWords(text);
    }
    const file = path.join(dir, `part-${String(Math.floor(i / 50)).padStart(3, '0')}`, `draft-${String(i).padStart(4, '0')}.md`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = parts.join('\n\n') + '\n';
    fs.writeFileSync(file, text);
    total += words;
    chars += text.length;
  }
  return { dir, files: count, words: total, chars };
}

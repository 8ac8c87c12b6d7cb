// The web playground (scripts/playground.mjs) in headless Chromium: a typed
// sentence gets its finding underlined, the quick fix changes the text, a
// glossary term shows its entry on hover, the file type changes the fix and
// the dialect chooser its spelling.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from './harness';

const CHROMIUM = process.env.PSYLINT_E2E_CHROMIUM || '/usr/bin/chromium';

/** Starts `node scripts/playground.mjs --port 0`; resolves with its URL. */
function startPlayground(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'playground.mjs'), '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the playground did not start:\n${output}`)), 30000);
    const read = (d: Buffer) => {
      output += d.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(output)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`the playground exited with ${code}:\n${output}`)));
  });
}

/** Where the first occurrence of `words` in the editor is shown (run in the page: it has a DOM, this file's types do not). */
const BOX_OF = `(words) => {
  const walker = document.createTreeWalker(document.querySelector('.cm-content'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent.indexOf(words);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + words.length);
    const rect = range.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }
  return null;
}`;

async function boxOf(page: Page, words: string): Promise<{ x: number; y: number }> {
  const box = (await page.evaluate(`(${BOX_OF})(${JSON.stringify(words)})`)) as { x: number; y: number } | null;
  assert.ok(box, `“${words}” is not in the editor`);
  return box;
}

describe('web playground in Chromium', function () {
  this.timeout(90000);
  let playground: { child: ChildProcess; url: string } | undefined;
  let browser: Browser | undefined;
  let page: Page;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      console.log(`    (skipped: ${CHROMIUM} not found; install the Debian package chromium or set PSYLINT_E2E_CHROMIUM to run this suite)`);
      this.skip();
    }
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'browser', 'server.js')), 'dist/browser/server.js is missing: run npm run build');
    playground = await startPlayground();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    const requests: string[] = [];
    page.on('request', (r) => void requests.push(r.url()));
    await page.goto(playground.url);
    await page.locator('#status').filter({ hasText: /finding/ }).waitFor({ timeout: 60000 });
    assert.deepEqual(requests.filter((u) => !u.startsWith(playground!.url)), [], 'the page asks nothing of the network');
  });

  after(async () => {
    await browser?.close();
    playground?.child.kill();
  });

  it('underlines a retired term as it is typed, shows its message, and its fix rewrites the text', async () => {
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Her aunt was treated for manic depression.');
    await page.locator('#status').filter({ hasText: '1 finding' }).waitFor();
    const underline = page.locator('.cm-lintRange-warning');
    assert.equal(await underline.textContent(), 'manic depression');
    await underline.hover();
    const tooltip = page.locator('.cm-tooltip-lint');
    await tooltip.waitFor();
    assert.match((await tooltip.textContent())!, /“manic depression” is a retired diagnostic term/);
    await tooltip.getByText('Replace with “bipolar disorder”').click();
    await page.locator('#status').filter({ hasText: 'No findings.' }).waitFor();
    assert.equal(await page.locator('.cm-content').textContent(), 'Her aunt was treated for bipolar disorder.');
  });

  it('shows the glossary entry of a term under the pointer', async () => {
    await page.mouse.move(5, 5);
    const { x, y } = await boxOf(page, 'bipolar disorder');
    await page.mouse.move(x, y);
    const hover = page.locator('.glossary-hover');
    await hover.waitFor();
    assert.match((await hover.textContent())!, /bipolar disorder/i);
  });

  it('spells the fix in the chosen dialect', async () => {
    await page.selectOption('#dialect', 'en-GB');
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('The boy had overanxious disorder.');
    await page.locator('#status').filter({ hasText: '1 finding' }).waitFor();
    await page.mouse.move(5, 5);
    await page.locator('.cm-lintRange-warning').hover();
    const tooltip = page.locator('.cm-tooltip-lint');
    await tooltip.waitFor();
    await tooltip.getByText('Replace with “generalised anxiety disorder”').click();
    await page.locator('#status').filter({ hasText: 'No findings.' }).waitFor();
    assert.equal(await page.locator('.cm-content').textContent(), 'The boy had generalised anxiety disorder.');
    await page.selectOption('#dialect', 'auto');
  });

  it('inserts the citation placeholder of the chosen file type', async () => {
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Research shows that mindfulness works.');
    await page.locator('#status').filter({ hasText: '1 finding' }).waitFor();
    const placeholders = async () => {
      await page.mouse.move(5, 5);
      await page.locator('.cm-lintRange-warning').first().hover();
      const text = (await page.locator('.cm-tooltip-lint').textContent())!;
      return /\[@TODO\]|\(Author, Year\)/.exec(text)?.[0];
    };
    assert.equal(await placeholders(), '(Author, Year)');
    await page.selectOption('#file-type', 'qmd');
    await page.locator('#status').filter({ hasText: '1 finding' }).waitFor();
    await page.locator('#status[data-version="1"]').waitFor();
    assert.equal(await placeholders(), '[@TODO]');
  });
});

// Writes docs/coverage.md (npm run glossary:docs): how the glossary covers the
// authority lists in glossary/coverage/lists.yaml. An item is covered by the
// entries whose `authority` names it ('<list>:<item>') or that the list names
// under `entries` (entries kept by another workstream), or declined with a
// reason. The tests check the file is current and that each covering entry's
// match examples produce findings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { bundledGlossaryDir, bundledGlossaryFiles, GlossaryStore } from '../server/src/glossary/files';
import type { Glossary } from '../server/src/glossary/glossary';
import { escape } from '../server/src/glossary/markdown';

export interface AuthorityItem {
  id: string;
  name: string;
  /** Entries that cover the item without carrying its tag. */
  entries?: string[];
  declined?: string;
}

export interface AuthorityList {
  id: string;
  title: string;
  source: string;
  items: AuthorityItem[];
}

export interface ItemCoverage {
  list: AuthorityList;
  item: AuthorityItem;
  /** Ids of the entries that cover it, tagged or named. */
  entries: string[];
}

export function coverageListsFile(): string {
  return path.join(bundledGlossaryDir(), 'coverage', 'lists.yaml');
}

export function loadAuthorityLists(file = coverageListsFile()): AuthorityList[] {
  const data = parse(fs.readFileSync(file, 'utf8')) as { lists: AuthorityList[] };
  return data.lists.map((l) => ({ ...l, items: l.items.map((i) => ({ ...i, id: String(i.id) })) }));
}

/** Every item of every list with the entries covering it. */
export function itemCoverage(glossary: Glossary, lists: AuthorityList[]): ItemCoverage[] {
  const tagged = new Map<string, string[]>();
  for (const entry of glossary.entries.values()) {
    for (const tag of entry.authority ?? []) tagged.set(tag, [...(tagged.get(tag) ?? []), entry.id]);
  }
  return lists.flatMap((list) =>
    list.items.map((item) => ({
      list,
      item,
      entries: [...new Set([...(tagged.get(`${list.id}:${item.id}`) ?? []), ...(item.entries ?? []).filter((id) => glossary.get(id))])],
    })),
  );
}

export function renderCoverageDocs(glossary: Glossary = new GlossaryStore().build(bundledGlossaryFiles()).glossary, lists = loadAuthorityLists()): string {
  const rows = itemCoverage(glossary, lists);
  const out = [
    '# Glossary coverage of the authority lists',
    '',
    '<!-- Generated from glossary/coverage/lists.yaml and the entries\' `authority` tags by `npm run glossary:docs`. Do not edit by hand. -->',
    '',
    'Each item is **covered** by a glossary entry whose match examples produce a finding (a test checks this), or **declined** with the reason given. Entries link to [the glossary](glossary.md).',
    '',
    '| list | covered | declined | open | total | covered share |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const list of lists) {
    const mine = rows.filter((r) => r.list === list);
    const covered = mine.filter((r) => r.entries.length).length;
    const declined = mine.filter((r) => !r.entries.length && r.item.declined).length;
    out.push(`| ${escape(list.title)} | ${covered} | ${declined} | ${mine.length - covered - declined} | ${mine.length} | ${Math.round((100 * covered) / mine.length)} % |`);
  }
  for (const list of lists) {
    out.push('', `## ${escape(list.title)}`, '', `Source: ${escape(list.source)}`, '', '| item | status | entries |', '|---|---|---|');
    for (const r of rows.filter((x) => x.list === list)) {
      const status = r.entries.length ? 'covered' : r.item.declined ? `declined: ${escape(r.item.declined.trim())}` : '**open**';
      const entries = r.entries.map((id) => `[${escape(glossary.name(id))}](glossary.md#${id})`).join(', ');
      out.push(`| ${escape(`${r.item.id}. ${r.item.name}`).replace(/\|/g, '\\|')} | ${status.replace(/\|/g, '\\|')} | ${entries} |`);
    }
  }
  return out.join('\n') + '\n';
}

if (require.main === module) {
  const target = path.resolve(__dirname, '..', '..', 'docs', 'coverage.md');
  fs.writeFileSync(target, renderCoverageDocs());
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}

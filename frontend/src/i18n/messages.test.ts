import { describe, expect, it } from 'vitest';
import { en as enBase } from './en';
import { monitoringEn } from './en/monitoring';
import { ja as jaBase } from './ja';
import { monitoringJa } from './ja/monitoring';

// With the areas loaded when first needed (areas.ts).
const ja = { ...jaBase, monitoring: monitoringJa };
const en = { ...enBase, monitoring: monitoringEn };

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

function lookup(tree: Tree, path: string): string {
  const value = path.split('.').reduce<string | Tree | undefined>((node, k) => (typeof node === 'object' ? node[k] : undefined), tree);
  if (typeof value !== 'string') throw new Error(`no message at ${path}`);
  return value;
}

describe('message files', () => {
  const jaKeys = keys(ja);
  const enKeys = keys(en as Tree);

  it('have no key in Japanese that English lacks', () => {
    expect(jaKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
  });

  it('have no key in English that Japanese lacks', () => {
    expect(enKeys.filter((k) => !jaKeys.includes(k))).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = jaKeys.filter(
      (k) => placeholders(lookup(ja, k)).join() !== placeholders(lookup(en as Tree, k)).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('have no empty message', () => {
    expect(jaKeys.filter((k) => lookup(ja, k).trim() === '')).toEqual([]);
    expect(enKeys.filter((k) => lookup(en as Tree, k).trim() === '')).toEqual([]);
  });

  it('detects a key missing from one language', () => {
    const broken: Tree = { a: 'x', b: { c: 'y' } };
    const other: Tree = { a: 'x', b: {} };
    expect(keys(broken).filter((k) => !keys(other).includes(k))).toEqual(['b.c']);
  });
});

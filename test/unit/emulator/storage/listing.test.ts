import { describe, expect, it } from 'vitest';

import { endOfPrefix, insertSorted, listPage, removeSorted } from '../../../../emulator/storage/listing';

const keys = ['a/1', 'a/2', 'a/3/x', 'a/3/y', 'a/4', 'b/1', 'b/2/z', 'c'];
const query = { prefix: '', delimiter: '', after: '', maxKeys: 1000 };

describe('listPage', () => {
  it('lists everything in order without a delimiter', () => {
    expect(listPage(keys, query)).toEqual({ keys, commonPrefixes: [], isTruncated: false });
  });

  it('rolls keys up at the delimiter after the prefix', () => {
    expect(listPage(keys, { ...query, delimiter: '/' })).toEqual({ keys: ['c'], commonPrefixes: ['a/', 'b/'], isTruncated: false });
    expect(listPage(keys, { ...query, prefix: 'a/', delimiter: '/' })).toEqual({ keys: ['a/1', 'a/2', 'a/4'], commonPrefixes: ['a/3/'], isTruncated: false });
  });

  it('pages keys and prefixes together, each entry counted once, without repeats', () => {
    const pages: string[][] = [];
    let after = '';
    for (;;) {
      const page = listPage(keys, { prefix: 'a/', delimiter: '/', after, maxKeys: 2 });
      pages.push([...page.keys, ...page.commonPrefixes].sort());
      if (!page.isTruncated) break;
      after = page.next ?? '';
    }
    expect(pages).toEqual([['a/1', 'a/2'], ['a/3/', 'a/4']]);
  });

  it('marks truncation only when more entries exist, and starts strictly after `after`', () => {
    expect(listPage(keys, { ...query, maxKeys: 8 }).isTruncated).toBe(false);
    expect(listPage(keys, { ...query, maxKeys: 7 })).toMatchObject({ isTruncated: true, next: 'b/2/z' });
    expect(listPage(keys, { ...query, after: 'a/4' }).keys[0]).toBe('b/1');
    expect(listPage(keys, { ...query, prefix: 'zzz' }).keys).toEqual([]);
  });
});

describe('sorted helpers', () => {
  it('insert and remove keep order without duplicates', () => {
    const list = ['b', 'd'];
    for (const value of ['c', 'a', 'e', 'c']) insertSorted(list, value);
    expect(list).toEqual(['a', 'b', 'c', 'd', 'e']);
    removeSorted(list, 'c');
    removeSorted(list, 'zz');
    expect(list).toEqual(['a', 'b', 'd', 'e']);
  });

  it('finds the end of a run of keys with a prefix', () => {
    expect(endOfPrefix(keys, 'a/3/')).toBe(4);
    expect(endOfPrefix(keys, 'a/')).toBe(5);
    expect(endOfPrefix(keys, 'x')).toBe(keys.length);
  });
});

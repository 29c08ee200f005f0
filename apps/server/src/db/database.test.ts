import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { keepingStatements } from './database.ts';

describe('SQLite statements kept by text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kq-stmts-'));
  const sqlite = new SQLite(join(dir, 'db.sqlite'));
  sqlite.exec('create table t (v integer)');
  const db = keepingStatements(sqlite, 2);
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same statement for the same text, and a fresh one while it is busy', () => {
    const a = db.prepare('insert into t (v) values (?)');
    expect(db.prepare('insert into t (v) values (?)')).toBe(a);
    a.run(1);
    db.prepare('insert into t (v) values (?)').run(2);
    const read = db.prepare('select v from t order by v');
    const open = read.iterate();
    expect(open.next().value).toEqual({ v: 1 });
    // Mid-iteration: sharing it would throw "This statement is busy executing".
    const other = db.prepare('select v from t order by v');
    expect(other).not.toBe(read);
    expect(other.all()).toEqual([{ v: 1 }, { v: 2 }]);
    open.return?.();
    expect(db.prepare('select v from t order by v')).toBe(read);
  });

  it('keeps only the most recent texts', () => {
    const first = db.prepare('select 1 as x');
    db.prepare('select 2 as x');
    db.prepare('select 3 as x');
    expect(db.prepare('select 1 as x')).not.toBe(first);
    expect(db.prepare('select 1 as x').get()).toEqual({ x: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, copyFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cx = (args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cx-redact-'));

describe('cx redact', () => {
  it('redacts the comment column of a CSV and reports counts per kind', () => {
    const src = path.join(tmp, 'in.csv');
    copyFileSync(path.join(root, 'fixtures/comments/sample.csv'), src);
    const before = readFileSync(src, 'utf8');
    const out = path.join(tmp, 'out.csv');
    const r = cx(['redact', src, '-o', out, '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    // sample.csv holds one mobile number (c07) and one e-mail (c09)
    expect(j.counts).toEqual({ url: 0, email: 1, ip: 0, qq: 0, wechat: 0, id: 0, card: 0, phone: 1, name: 0 });
    expect(j.total).toBe(2);
    expect(j.columns).toEqual(['comment']);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('价格太贵了，不划算。联系我：[PHONE]');
    expect(text).toContain('Support never replied. Email me at [EMAIL]');
    expect(text).not.toContain('13812345678');
    expect(text).toContain('c10,South,10,今天天气不错');
    expect(readFileSync(src, 'utf8')).toBe(before); // input untouched
  });
  it('writes a .txt copy of a .txt input', () => {
    const out = path.join(tmp, 'out.txt');
    const r = cx(['redact', 'fixtures/comments/sample.txt', '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('[PHONE]');
    expect(readFileSync(out, 'utf8')).toBe('送货太慢了，饭都凉了。\n\nSupport never replied, call me on [PHONE]\nApp很好用\n');
  });
  it('--columns masks or drops whole PII columns; auto takes the columns describe proposes (issue 11)', () => {
    const src = path.join(tmp, 'pii.csv');
    writeFileSync(src, 'id,来自IP,email,姓名,门店名称,comment\nr1,10.0.0.1,a@b.cn,王伟,朝阳店,送餐太慢 QQ 12345678\nr2,,c@d.com,李娜,海淀店,卡号 6222 0212 3456 7890 123\n');
    const out = path.join(tmp, 'pii-out.csv');
    const r = cx(['redact', src, '--text', 'comment', '--columns', '来自IP:drop,email,姓名', '-o', out, '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.droppedColumns).toEqual(['来自IP']);
    expect(j.maskedColumns).toEqual(['email', '姓名']);
    const rows = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(rows[0]).toBe('id,email,姓名,门店名称,comment');
    expect(rows[1]).toBe('r1,[REDACTED],[REDACTED],朝阳店,送餐太慢 QQ [QQ]');
    expect(rows[2]).toBe('r2,[REDACTED],[REDACTED],海淀店,卡号 [CARD]');
    const auto = cx(['redact', src, '--text', 'comment', '--columns', 'auto', '-o', path.join(tmp, 'pii-auto.csv'), '--json']);
    expect(JSON.parse(auto.stdout).maskedColumns).toEqual(['来自IP', 'email', '姓名']);
    const d = cx(['describe', src, '--json']);
    expect(JSON.parse(d.stdout).piiColumns).toEqual([{ column: '来自IP', kind: 'ip' }, { column: 'email', kind: 'email' }, { column: '姓名', kind: 'name' }]);
    const bad = cx(['redact', src, '--columns', 'nope', '-o', path.join(tmp, 'z.csv')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no column "nope" for --columns/);
  });
  it('exit 2 when the output is the input, or has an unknown extension, or the column is unknown', () => {
    const same = cx(['redact', 'fixtures/comments/sample.csv', '-o', 'fixtures/comments/sample.csv']);
    expect(same.status).toBe(2);
    expect(same.stderr).toMatch(/never overwrites its own input/);
    expect(cx(['redact', 'fixtures/comments/sample.csv', '-o', path.join(tmp, 'x.pdf')]).status).toBe(2);
    const col = cx(['redact', 'fixtures/comments/sample.csv', '--text', 'nope', '-o', path.join(tmp, 'y.csv')]);
    expect(col.status).toBe(2);
    expect(col.stderr).toMatch(/no column "nope"/);
  });
});

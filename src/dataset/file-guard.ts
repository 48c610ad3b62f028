// File-system guards shared by every command (issue 10):
//  - inputs are read only when they are regular files (or folders where a dataset is expected): a device,
//    FIFO or socket would block or stream forever (`cx import /dev/zero`), a symlink loop gets its own message;
//  - an output may never resolve to one of the command's own inputs (same path, symlink, or hard link:
//    compared by device + inode), and is written only as a regular file: devices, FIFOs and folders are
//    refused before any work, so the temp-file-and-rename of the writers never replaces a device node.
import { lstatSync, readdirSync, readFileSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { createHash } from 'node:crypto';
import { inputError } from '../ui/errors.js';

function kindOf(st: Stats): { en: string; zh: string } {
  if (st.isDirectory()) return { en: 'a folder', zh: '文件夹' };
  if (st.isFIFO()) return { en: 'a named pipe (FIFO)', zh: '命名管道（FIFO）' };
  if (st.isCharacterDevice() || st.isBlockDevice()) return { en: 'a device', zh: '设备文件' };
  if (st.isSocket()) return { en: 'a socket', zh: '套接字' };
  return { en: 'not a regular file', zh: '非普通文件' };
}

function statOrCode(p: string): Stats | string {
  try {
    return statSync(p);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'EIO';
  }
}

/**
 * Checks that `file` can be read as an input: it exists and is a regular file (or a folder when
 * `allowDir`). Throws one exit-2 sentence otherwise (no such file, symlink loop, device/FIFO, permission).
 * `what` names the role in messages ("codeframe", "template", …); `flag` the option that gave it.
 */
export function assertInputFile(file: string, opts: { what?: string; allowDir?: boolean } = {}): Stats {
  const what = opts.what ? `${opts.what} ` : '';
  const st = statOrCode(file);
  if (typeof st === 'string') {
    if (st === 'ELOOP')
      throw inputError(
        `${what}${file}: a symbolic link loop (the link points back to itself); fix or remove the link.`,
        `${what}${file}：符号链接形成了循环（链接指回自身）；请修正或删除该链接。`,
      );
    if (st === 'EACCES' || st === 'EPERM')
      throw inputError(`${what}${file}: permission denied; check the file's permissions.`, `${what}${file}：没有读取权限；请检查文件权限。`);
    if (st === 'ENOTDIR')
      throw inputError(`${what}${file}: a part of the path is a file, not a folder; check the path.`, `${what}${file}：路径中的某一级是文件而不是文件夹；请检查路径。`);
    if (st === 'ENAMETOOLONG')
      throw inputError(`${what}${file}: the path is too long; check the path.`, `${what}${file}：路径过长；请检查路径。`);
    throw inputError(`${what}${file}: no such file; check the path.`, `${what}${file}：文件不存在，请检查路径。`);
  }
  if (st.isFile() || (opts.allowDir && st.isDirectory())) return st;
  const k = kindOf(st);
  throw inputError(
    `${what}${file}: is ${k.en}, not a regular file; cx reads only regular files (save the data to a file first).`,
    `${what}${file}：是${k.zh}，不是普通文件；cx 只读取普通文件（请先把数据保存为文件）。`,
  );
}

/** One input of a command for the output guard: its path and its role (for the message). */
export interface GuardedInput {
  path: string | undefined;
  what: string;
  whatZh?: string;
}

export interface GuardOptions {
  /** The output is a dataset folder (cx import): an existing folder is allowed. */
  dir?: boolean;
  /** The option that named the output (default -o). */
  flag?: string;
}

function realOrResolve(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

function inside(child: string, parent: string): boolean {
  const r = relative(parent, child);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

/**
 * Refuses (exit 2, before any work and with nothing written) an output that
 *  - is an existing device, FIFO, socket or (unless `dir`) folder;
 *  - is a symlink loop;
 *  - resolves to one of `inputs` (same real path, or same device + inode: hard links), or to a file inside
 *    an input dataset folder; for a dataset output (`dir`), an input that lives inside it.
 */
export function guardOutput(out: string, inputs: readonly (GuardedInput | undefined)[], opts: GuardOptions = {}): void {
  const flag = opts.flag ?? '-o';
  let lst: Stats | undefined;
  try {
    lst = lstatSync(out);
  } catch {
    lst = undefined;
  }
  let st: Stats | undefined;
  if (lst) {
    const s = statOrCode(out);
    if (s === 'ELOOP')
      throw inputError(
        `${flag} ${out}: a symbolic link loop (the link points back to itself); remove the link or choose another ${flag}.`,
        `${flag} ${out}：符号链接形成了循环；请删除该链接或另选 ${flag}。`,
      );
    if (typeof s !== 'string') st = s; // a dangling symlink is replaced by the new file
  }
  if (st && !st.isFile() && !(opts.dir && st.isDirectory())) {
    const k = kindOf(st);
    throw inputError(
      st.isDirectory()
        ? `${flag} ${out}: is a folder; give a file name with ${flag}.`
        : `${flag} ${out}: is ${k.en}, not a regular file; cx writes only regular files, choose another ${flag}.`,
      st.isDirectory() ? `${flag} ${out}：是文件夹；请用 ${flag} 指定文件名。` : `${flag} ${out}：是${k.zh}，不是普通文件；cx 只写入普通文件，请另选 ${flag}。`,
    );
  }
  const realOut = realOrResolve(out);
  for (const inp of inputs) {
    if (!inp?.path || inp.path === '-') continue;
    const ist = statOrCode(inp.path);
    if (typeof ist === 'string') continue; // the input's own reader reports it
    const same = (en: string, zh: string) =>
      inputError(
        `${flag} ${out}: ${en}; cx never overwrites its own input, choose another output name.`,
        `${flag} ${out}：${zh}；cx 不会覆盖自己的输入，请换一个输出文件名。`,
      );
    const label = inp.what;
    const labelZh = inp.whatZh ?? inp.what;
    if (ist.isDirectory()) {
      const realIn = realOrResolve(inp.path);
      if (st && st.dev === ist.dev && st.ino === ist.ino) throw same(`is the ${label} ${inp.path} itself`, `就是${labelZh} ${inp.path} 本身`);
      if (st && !st.isDirectory() && datasetFileInodes(realIn).has(`${st.dev}:${st.ino}`))
        throw same(`is a file of the ${label} ${inp.path} (or a link to one)`, `是${labelZh} ${inp.path} 中的文件（或其链接）`);
      const source = st?.isFile() ? datasetSourceOf(realIn, out, st) : undefined;
      if (source)
        throw same(
          `${source.sameBytes ? 'has the same content as' : 'is'} ${source.file}, an export the ${label} ${inp.path} was imported from (the raw data behind it)`,
          `${source.sameBytes ? '与' : '就是'}${labelZh} ${inp.path} 导入时使用的导出文件 ${source.file}${source.sameBytes ? '内容相同' : ''}（其原始数据）`,
        );
      continue;
    }
    if (st && st.dev === ist.dev && st.ino === ist.ino)
      throw same(
        realOut === realOrResolve(inp.path) ? `is the ${label} ${inp.path}` : `is the same file as the ${label} ${inp.path} (a link to it)`,
        realOut === realOrResolve(inp.path) ? `就是${labelZh} ${inp.path}` : `与${labelZh} ${inp.path} 是同一个文件（链接）`,
      );
    if (opts.dir && st?.isDirectory() && inside(realOrResolve(inp.path), realOut))
      throw same(`holds the ${label} ${inp.path}, which the new dataset would replace`, `包含${labelZh} ${inp.path}，新数据集会把它替换掉`);
  }
}

/**
 * The export a dataset was imported from that `out` would overwrite: the same path as one its log names
 * (relative to here), or the same bytes (SHA-256 in the log), so a moved or renamed export is kept too.
 */
function datasetSourceOf(dir: string, out: string, st: Stats): { file: string; sameBytes: boolean } | undefined {
  let log: { file?: unknown; sha256?: unknown }[] = [];
  try {
    log = (JSON.parse(readFileSync(join(dir, 'survey.json'), 'utf8')) as { log?: typeof log }).log ?? [];
  } catch {
    return undefined;
  }
  for (const e of log) {
    if (typeof e.file !== 'string') continue;
    try {
      const s = statSync(e.file);
      if (s.dev === st.dev && s.ino === st.ino) return { file: e.file, sameBytes: false };
    } catch {
      // moved or deleted: compared by content below
    }
  }
  const hashes = new Set(log.map((e) => e.sha256).filter((h): h is string => typeof h === 'string'));
  if (!hashes.size || st.size > 1 << 30) return undefined;
  const h = createHash('sha256').update(readFileSync(out)).digest('hex');
  return hashes.has(h) ? { file: String(log.find((e) => e.sha256 === h)!.file), sameBytes: true } : undefined;
}

/** dev:ino of the files that make up the dataset in `dir` (survey.json and the column files it names). */
function datasetFileInodes(dir: string): Set<string> {
  const out = new Set<string>();
  const add = (p: string) => {
    try {
      const s = statSync(p);
      if (s.isFile()) out.add(`${s.dev}:${s.ino}`);
    } catch {
      // absent: nothing to protect
    }
  };
  const manifest = join(dir, 'survey.json');
  add(manifest);
  let files: string[] = [];
  try {
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as { columns?: { file?: unknown }[]; blocks?: { file?: unknown }[] };
    files = [...(m.columns ?? []), ...(m.blocks ?? [])].map((c) => String(c.file ?? '')).filter((f) => f && !/[\\/]/.test(f));
  } catch {
    return out;
  }
  const prefixes = new Set(files);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of names) {
    const dot = n.indexOf('.');
    if (prefixes.has(dot < 0 ? n : n.slice(0, dot))) add(join(dir, n));
  }
  return out;
}

/**
 * Just before a temp file is renamed over `target`: the target must be a regular file (or a symlink to
 * one, or absent). Guards the writers themselves, whatever the command checked earlier.
 */
export function assertReplaceable(target: string): void {
  let st: Stats;
  try {
    st = statSync(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP')
      throw inputError(`${target}: a symbolic link loop; remove the link or choose another -o.`, `${target}：符号链接形成了循环；请删除该链接或另选 -o。`);
    return;
  }
  if (st.isFile()) return;
  const k = kindOf(st);
  throw inputError(
    st.isDirectory() ? `cannot write ${target}: it is a folder; give a file name with -o.` : `cannot write ${target}: it is ${k.en}, not a regular file; cx writes only regular files, choose another -o.`,
    st.isDirectory() ? `无法写入 ${target}：它是文件夹；请用 -o 指定文件名。` : `无法写入 ${target}：它是${k.zh}，不是普通文件；cx 只写入普通文件，请另选 -o。`,
  );
}

/**
 * For readers that report a missing file in their own words: throws only when `file` exists but is not a
 * regular file (device, FIFO, socket, folder unless `allowDir`) or is a symlink loop. Call before reading.
 */
export function assertNotSpecial(file: string, what?: string, allowDir = false): void {
  const st = statOrCode(file);
  if (st === 'ELOOP' || (typeof st !== 'string' && !st.isFile() && !(allowDir && st.isDirectory()))) assertInputFile(file, { what, allowDir });
}

/** Largest standard input cx reads (`-` as the input file). */
export const STDIN_MAX_BYTES = 512 << 20;

/** Reads standard input (for `-`), refusing more than `max` bytes with a clear message. */
export function readStdin(max = STDIN_MAX_BYTES): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.allocUnsafe(1 << 16);
  for (;;) {
    let k: number;
    try {
      k = readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
        continue;
      }
      if (code === 'EOF') break;
      throw inputError(`-: cannot read standard input (${code ?? 'error'}); save the data to a file and give its name.`, `-：无法读取标准输入（${code ?? 'error'}）；请先保存为文件再给出文件名。`);
    }
    if (k === 0) break;
    total += k;
    if (total > max)
      throw inputError(
        `-: standard input is larger than ${Math.round(max / (1 << 20))} MB; save it to a file and give the file name instead.`,
        `-：标准输入超过 ${Math.round(max / (1 << 20))} MB；请先保存为文件，再给出文件名。`,
      );
    chunks.push(Buffer.from(buf.subarray(0, k)));
  }
  return Buffer.concat(chunks);
}

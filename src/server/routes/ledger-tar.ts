// an uncompressed POSIX ustar archive (IEEE Std 1003.1-2001) of regular files in memory: what the ledger page's tiles
// download is. Only what the tiles need: relative paths of printable ASCII (split into prefix and name past 100
// bytes), mode 0644, no owners, one mtime; parent folders are implied by the paths, as every tar extracts them.

const BLOCK = 512;
const enc = new TextEncoder();

export interface TarFile {
  path: string;
  bytes: Uint8Array;
}

/** Writes `value` as `width - 1` zero-padded octal digits and a NUL at `offset`. */
function octal(header: Uint8Array, offset: number, width: number, value: number): void {
  const digits = value.toString(8).padStart(width - 1, "0");
  if (digits.length > width - 1)
    throw new RangeError(`${value} does not fit a ustar field of ${width} bytes`);
  header.set(enc.encode(`${digits}\0`), offset);
}

/** The ustar name and prefix of `path`: the name at most 100 bytes, the prefix (before a slash) at most 155. */
function split(path: string): { name: string; prefix: string } {
  if (
    !/^[\x21-\x7e]+$/.test(path) ||
    path.startsWith("/") ||
    path.split("/").some((p) => p === ".." || p === "")
  )
    throw new RangeError(`${path.slice(0, 120)} is not a relative path of printable ASCII`);
  if (path.length <= 100) return { name: path, prefix: "" };
  for (let i = path.indexOf("/"); i >= 0; i = path.indexOf("/", i + 1))
    if (i <= 155 && path.length - i - 1 <= 100) return { prefix: path.slice(0, i), name: path.slice(i + 1) };
  throw new RangeError(`${path.slice(0, 120)} is too long for a ustar header`);
}

/** The 512-byte header of a regular file. */
function header(path: string, size: number, mtime: number): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const { name, prefix } = split(path);
  h.set(enc.encode(name), 0);
  octal(h, 100, 8, 0o644);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, size);
  octal(h, 136, 12, mtime);
  h.fill(0x20, 148, 156); // the checksum is summed with its own field as spaces
  h[156] = 0x30; // '0': a regular file
  h.set(enc.encode("ustar\0"), 257);
  h.set(enc.encode("00"), 263);
  h.set(enc.encode(prefix), 345);
  const sum = h.reduce((a, b) => a + b, 0);
  h.set(enc.encode(`${sum.toString(8).padStart(6, "0")}\0 `), 148);
  return h;
}

/**
 * The ustar archive of `files` in their order, each with modification time `mtime` (POSIX seconds).
 * @example ustar([{ path: "ledger/checkpoint", bytes }], Math.floor(Date.now() / 1000))
 */
export function ustar(files: readonly TarFile[], mtime: number): Uint8Array<ArrayBuffer> {
  const padded = (n: number) => Math.ceil(n / BLOCK) * BLOCK;
  const total = files.reduce((n, f) => n + BLOCK + padded(f.bytes.length), 0) + 2 * BLOCK;
  const out = new Uint8Array(total); // zero-filled: the data's padding and the two closing blocks
  let at = 0;
  for (const f of files) {
    out.set(header(f.path, f.bytes.length, mtime), at);
    out.set(f.bytes, at + BLOCK);
    at += BLOCK + padded(f.bytes.length);
  }
  return out;
}

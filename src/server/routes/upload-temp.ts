// an upload's body as a private temporary file: the library's scan, risk and consent import read files, so a streamed
// body is written, as it arrives, to a 0600 file in the workspace's 0700 `.jikimi/tmp`, never buffered whole; a body
// over the cap stops the write and is refused (body_too_large); the caller removes the file when its work is done.
import { randomBytes } from "node:crypto";
import { chmodSync, lstatSync, mkdirSync, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { JikimiError, t } from "../../public/base.js";
import { STATE_DIR } from "../../public/workspace.js";
import { apiError } from "../errors.js";

/** The largest upload accepted (10 GiB): beyond it the body is refused while it streams. */
export const MAX_UPLOAD_BYTES = 10 * 1024 ** 3;

/** A written upload: its path and size; `remove()` deletes it (safe to call twice). */
export interface TempUpload {
  path: string;
  bytes: number;
  remove(): void;
}

/** `<root>/.jikimi/tmp`, created 0700 (or made private); `tmp_unusable` when it is a symlink or a file. */
export function privateTmpDir(root: string): string {
  const dir = join(root, STATE_DIR, "tmp");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory())
    throw new JikimiError("tmp_unusable", t("server.upload.tmp_unusable"), {
      hint: t("server.upload.tmp_unusable_hint"),
    });
  if ((st.mode & 0o077) !== 0) chmodSync(dir, 0o700);
  return dir;
}

/**
 * Streams `body` into a new private file named with `extension` (".csv", ".jsonl", ".parquet": the readers tell
 * the format by it); refuses a declared or streamed size over `maxBytes`.
 * @example const up = await writeUpload(root, c.req.raw, ".csv"); try { await scan(up.path) } finally { up.remove() }
 */
export async function writeUpload(
  root: string,
  request: Request,
  extension: string,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<TempUpload> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > maxBytes) throw apiError("body_too_large");
  const path = join(privateTmpDir(root), `upload-${randomBytes(12).toString("hex")}${extension}`);
  const remove = () => rmSync(path, { force: true });
  // O_EXCL with a random name: never an existing file or a planted symlink
  const file = await open(path, "wx", 0o600);
  let bytes = 0;
  try {
    if (request.body) {
      const reader = request.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        if (bytes > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw apiError("body_too_large");
        }
        await file.write(value);
      }
    }
    await file.close();
  } catch (err) {
    await file.close().catch(() => undefined);
    remove();
    throw err;
  }
  if (bytes === 0) {
    remove();
    throw apiError("empty_file");
  }
  return { path, bytes, remove };
}

/** The file extension the readers know a record format by. */
export function extensionOf(format: "csv" | "jsonl" | "parquet"): string {
  return `.${format}`;
}

/**
 * The record format of an upload: `input_format` when given, else its Content-Type (text/csv, application/x-ndjson
 * or application/jsonl, application/vnd.apache.parquet); CSV when neither says.
 */
export function uploadFormat(
  contentType: string | undefined,
  inputFormat: string | undefined,
  allowed: readonly ("csv" | "jsonl" | "parquet")[] = ["csv", "jsonl", "parquet"],
): "csv" | "jsonl" | "parquet" {
  const essence = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const byType: Record<string, "csv" | "jsonl" | "parquet"> = {
    "text/csv": "csv",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/jsonlines": "jsonl",
    "application/vnd.apache.parquet": "parquet",
    "application/x-parquet": "parquet",
  };
  const format = inputFormat ?? byType[essence] ?? "csv";
  if (!(allowed as readonly string[]).includes(format))
    throw apiError("unsupported_format", { format, allowed: allowed.join(", ") });
  return format as "csv" | "jsonl" | "parquet";
}

/**
 * Runs `work` on an upload and removes the file after; a library error naming the temporary path names the upload
 * as the caller called it instead (`name`), so no server path reaches an answer.
 * @example await onUpload(up, "upload.csv", (path) => session.scan(path))
 */
export async function onUpload<T>(
  upload: TempUpload,
  name: string,
  work: (path: string) => Promise<T>,
): Promise<T> {
  try {
    return await work(upload.path);
  } catch (err) {
    if (!(err instanceof JikimiError)) throw err;
    const swap = (s: string | undefined) => s?.split(upload.path).join(name);
    if (!err.summary.includes(upload.path) && !err.hint?.includes(upload.path)) throw err;
    throw new JikimiError(err.code, swap(err.summary) ?? "", {
      hint: swap(err.hint),
      ...(err.details ? { details: err.details } : {}),
    });
  } finally {
    upload.remove();
  }
}

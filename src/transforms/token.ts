// token: deterministic AES-SIV (RFC 5297) of each value, reversible only with the controller's key
// (jikimi detokenize). Contract: a token is base64url(SIV || C) without padding, where SIV || C =
// AES-SIV(key, AD = [label], utf8(value)); the same value under the same key and label always gives the same
// token, and detokenize(key, tokenize(key, v)) === v for every well-formed string (lone surrogates are encoded
// as U+FFFD, like TextEncoder). "" stays "" both ways: an empty value is a missing one.
import { z } from "zod";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { SivKey, s2vPrefix, sivDecrypt, sivEncryptBatch } from "./aes-siv.js";
import { type ColumnTransform, requireKey } from "./apply-context.js";
import { ByteSink, base64Slot, encodeColumn, utf8Into } from "./column-codec.js";
import { LinkKey } from "./link-key.js";
import type { Transform } from "./transform.js";

const options = z.strictObject({
  transform: z.literal("token"),
  link_key: LinkKey.optional().describe("name of a key shared with other agreements to the same recipient"),
});

export type TokenOptions = z.output<typeof options>;

/** The fixed associated data of every Jikimi token: binds tokens to this scheme and its version. */
export const TOKEN_LABEL = "jikimi/token/v1";

/** Rows per batch of AES calls: bounds the staging buffers whatever the column size. */
const CHUNK = 1 << 16;

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function badToken(): JikimiError {
  return new JikimiError("bad_token", t("engine.transform.bad_token"));
}

/**
 * Compiles a token column transform under a 64-byte (AES-256-SIV) or 32-byte (AES-128-SIV) key; the key
 * bytes are not retained. `label` is the associated data (default {@link TOKEN_LABEL}); detokenize with
 * the same one. The returned function reuses its buffers: call it from one thread.
 * @example compileToken({ transform: "token" }, key64)(["01012345678"], out)
 */
export function compileToken(_options: TokenOptions, key: Uint8Array, label = TOKEN_LABEL): ColumnTransform {
  const k = new SivKey(key);
  const prefix = s2vPrefix(k, [new TextEncoder().encode(label)]);
  const sink = new ByteSink();
  return (values, out) => {
    for (let from = 0; from < values.length; from += CHUNK) {
      const to = Math.min(values.length, from + CHUNK);
      const offsets = new Uint32Array(to - from + 1);
      const rows = new Int32Array(to - from);
      let m = 0;
      try {
        for (let i = from; i < to; i++) {
          const v = values[i] ?? "";
          if (v === "") {
            out[i] = "";
            continue;
          }
          utf8Into(sink, v);
          rows[m++] = i;
          offsets[m] = sink.length;
        }
        if (m === 0) continue;
        const at = new Uint32Array(m);
        let end = 0;
        for (let j = 0; j < m; j++) {
          at[j] = end;
          end += base64Slot(16 + (offsets[j + 1] as number) - (offsets[j] as number));
        }
        const sealed = new Uint8Array(end);
        sivEncryptBatch(k, prefix, sink.bytes, offsets, m, sealed, at);
        const column = encodeColumn(
          sealed,
          end,
          "base64url",
          at,
          (j) => 16 + (offsets[j + 1] as number) - (offsets[j] as number),
        );
        sealed.fill(0);
        for (let j = 0; j < m; j++) out[rows[j] as number] = column.row(j);
      } finally {
        sink.wipe();
      }
    }
  };
}

/**
 * A detokenizer bound to one key and label (prepares the AES contexts once).
 * @example const open = detokenizer(key64); open(token)
 */
export function detokenizer(key: Uint8Array, label = TOKEN_LABEL): (token: string) => string {
  const k = new SivKey(key);
  const prefix = s2vPrefix(k, [new TextEncoder().encode(label)]);
  return (tokenText) => {
    if (tokenText === "") return "";
    if (!BASE64URL.test(tokenText)) throw badToken();
    const sealed = Buffer.from(tokenText, "base64url");
    // Only the canonical spelling is accepted, so no two strings open to the same value.
    if (sealed.length < 16 || sealed.toString("base64url") !== tokenText) throw badToken();
    const pt = sivDecrypt(k, prefix, sealed);
    if (pt === null) throw badToken();
    try {
      return utf8.decode(pt);
    } catch {
      throw badToken();
    } finally {
      pt.fill(0);
    }
  };
}

/**
 * The value a token stands for; throws JikimiError "bad_token" (without echoing the token) when it does not
 * authenticate under `key` and `label`. "" gives "".
 * @example detokenize(key64, "hLr2...") // "01012345678"
 */
export function detokenize(key: Uint8Array, tokenText: string, label = TOKEN_LABEL): string {
  return detokenizer(key, label)(tokenText);
}

/**
 * One value's token (the column transform on a one-row batch).
 * @example tokenize(key64, "홍길동")
 */
export function tokenize(key: Uint8Array, value: string, label = TOKEN_LABEL): string {
  const out: string[] = [];
  compileToken({ transform: "token" }, key, label)([value], out);
  return out[0] ?? "";
}

/** Replaces the value with a deterministic token only the controller can reverse. */
export const token: Transform<typeof options> = {
  name: "token",
  summary: "replace the value with a deterministic token only the controller can reverse",
  accepts: ["string", "integer", "date"],
  options,
  key: { use: "token", length: 64 },
  exposure: "keyed",
  joinScope: "key",
  reversibleByController: true,
  compile: (o, { key, context }) => compileToken(o, requireKey(key, "token", context)),
  reverse: (key) => detokenizer(key),
};

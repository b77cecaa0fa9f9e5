import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkpointText, parseCheckpoint } from "./checkpoint.js";
import { openNote, signerFromSeed, signNote, verifierFromVkey, vkeyOf } from "./signed-note.js";

const root = createHash("sha256").update("a tree").digest();

describe("checkpoints as signed notes (c2sp.org/tlog-checkpoint)", () => {
  it("writes origin, decimal size and base64 root, signs them, and reads them back after verifying", () => {
    const body = { origin: "ledger.hanbitpay.example/nsf", size: 2303, root, extensions: [] };
    const text = checkpointText(body);
    expect(text).toBe(`ledger.hanbitpay.example/nsf\n2303\n${root.toString("base64")}\n`);
    const signer = signerFromSeed("ledger.hanbitpay.example/nsf", Buffer.alloc(32, 1));
    const note = signNote(text, [signer]);
    const opened = openNote(note, [verifierFromVkey(vkeyOf(signer.name, signer.publicKey))]);
    expect(parseCheckpoint(opened.text)).toEqual({ ...body, root: new Uint8Array(root) });
  });

  it("refuses sizes with leading zeros or signs, roots of another length and empty lines", () => {
    const r = root.toString("base64");
    for (const text of [
      `o\n012\n${r}\n`,
      `o\n-1\n${r}\n`,
      `o\n1\n${root.subarray(1).toString("base64")}\n`,
      `\n1\n${r}\n`,
      `o\n1\n${r}\n\n`,
      `o\n1\n${r}`,
    ])
      expect(() => parseCheckpoint(text), JSON.stringify(text)).toThrow();
    expect(parseCheckpoint(`o\n0\n${r}\nextension line\n`).extensions).toEqual(["extension line"]);
  });
});

// a small real log for the witness tests: RFC 9162 leaves in a MerkleTree, checkpoints signed as notes with an
// Ed25519 key; `rewrite` gives a log with the same origin and key whose leaves differ from some index on.
import { createHash } from "node:crypto";
import { HashList, leafHash, MerkleTree } from "../../src/ledger/merkle/index.js";
import { checkpointText } from "../../src/ledger/note/checkpoint.js";
import { type NoteSigner, signerFromSeed, signNote, vkeyOf } from "../../src/ledger/note/signed-note.js";

export const seedOf = (label: string): Uint8Array => createHash("sha256").update(label).digest();

export class TestLog {
  readonly leaves = new HashList();
  readonly tree = new MerkleTree(this.leaves);
  readonly signer: NoteSigner & { publicKey: Uint8Array };
  readonly vkey: string;

  constructor(
    readonly origin: string,
    keySeed: Uint8Array = seedOf(origin),
    private readonly salt = "",
  ) {
    this.signer = signerFromSeed(origin, keySeed);
    this.vkey = vkeyOf(origin, this.signer.publicKey);
  }

  get size(): number {
    return this.tree.size;
  }

  /** appends `n` leaves ("<origin> entry <i><salt>") */
  grow(n: number): this {
    for (let i = 0; i < n; i++) {
      const h = leafHash(Buffer.from(`${this.origin} entry ${this.tree.size}${this.salt}`));
      this.leaves.push(h);
      this.tree.append(h);
    }
    return this;
  }

  text(size = this.size): string {
    return checkpointText({ origin: this.origin, size, root: this.tree.rootAt(size), extensions: [] });
  }

  /** the signed checkpoint note at `size` (default: the current size) */
  note(size = this.size, signers: readonly NoteSigner[] = [this.signer]): string {
    return signNote(this.text(size), signers);
  }

  proof(oldSize: number, size = this.size): Uint8Array[] {
    return oldSize === 0 || oldSize === size ? [] : this.tree.consistencyProof(oldSize, size);
  }

  /** the same origin and key, the first `keep` leaves equal, then other leaves up to `size` */
  rewrite(keep: number, size: number, keySeed: Uint8Array = seedOf(this.origin)): TestLog {
    const other = new TestLog(this.origin, keySeed, "-rewritten");
    for (let i = 0; i < keep; i++) {
      const h = this.leaves.leafHashes(i, i + 1).slice();
      other.leaves.push(h);
      other.tree.append(h);
    }
    return other.grow(size - keep);
  }
}

// Published test vectors: RFC 4231 HMAC-SHA256 cases 1-7 and FIPS 180-4 / NIST SHA-256 examples.

const ascii = (s: string): string => Buffer.from(s, "latin1").toString("hex");

/** One RFC 4231 case; `mac` is hex and may be truncated (case 5 keeps 128 bits): compare as a prefix. */
export interface HmacVector {
  readonly name: string;
  readonly key: string;
  readonly data: string;
  readonly mac: string;
}

/** RFC 4231 section 4, HMAC-SHA-256 results for test cases 1 to 7 (keys and data as hex). */
export const RFC4231_CASES: readonly HmacVector[] = [
  {
    name: "case 1",
    key: "0b".repeat(20),
    data: ascii("Hi There"),
    mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
  },
  {
    name: "case 2: key shorter than the output",
    key: ascii("Jefe"),
    data: ascii("what do ya want for nothing?"),
    mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  },
  {
    name: "case 3: combined length of key and data > 64 bytes",
    key: "aa".repeat(20),
    data: "dd".repeat(50),
    mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
  },
  {
    name: "case 4",
    key: "0102030405060708090a0b0c0d0e0f10111213141516171819",
    data: "cd".repeat(50),
    mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
  },
  {
    name: "case 5: truncation to 128 bits",
    key: "0c".repeat(20),
    data: ascii("Test With Truncation"),
    mac: "a3b6167473100ee06e0c796c2955552b",
  },
  {
    name: "case 6: 131-byte key (hashed first)",
    key: "aa".repeat(131),
    data: ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
    mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
  },
  {
    name: "case 7: 131-byte key and 152-byte data",
    key: "aa".repeat(131),
    data: ascii(
      "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
    ),
    mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
  },
];

/** A SHA-256 example: `message` as hex, or `repeat` copies of one ASCII string. */
export interface HashVector {
  readonly name: string;
  readonly text: string;
  readonly repeat: number;
  readonly digest: string;
}

/** FIPS 180-4 examples (NIST CSRC "SHA256.pdf", "SHA2_Additional") and the classic one-million-'a' vector. */
export const SHA256_VECTORS: readonly HashVector[] = [
  {
    name: "empty string",
    text: "",
    repeat: 1,
    digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  },
  {
    name: '"abc" (one block)',
    text: "abc",
    repeat: 1,
    digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  },
  {
    name: "448-bit message (two blocks)",
    text: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
    repeat: 1,
    digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  },
  {
    name: "896-bit message",
    text: "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
    repeat: 1,
    digest: "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
  },
  {
    name: "one million 'a'",
    text: "a",
    repeat: 1_000_000,
    digest: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
  },
];

// the public surface for keys: the keyring (init, seal, rotate, shred), derived keys, the log signing key.
export { type DerivedKey, type DeriveParams, deriveKey, masterIdOf } from "../crypto/derive.js";
export {
  initKeyring,
  isSealed,
  type Keyring,
  keyringPath,
  loadKeyring,
  PASSPHRASE_ENV,
  parsePurpose,
  rotateKey,
  sealKeyring,
  shredKey,
  unsealKeyring,
} from "../crypto/keyring.js";
export { initLogKey, type LogKeys, logKeyPath, moveSigningKeys, openLogKeys } from "../crypto/log-key.js";
export { type Signer, signerFrom, verifySignature } from "../crypto/signing.js";

// the public surface the HTTP API adapter (src/server) reaches the library through: the workspace session, the
// API's tokens and principals, and what its routes answer with.

export { type AccessRecord, accessHash, recordAccess, verifyAccessLog } from "../app/access-log.js";
export {
  mintSubjectToken,
  SUBJECT_TOKEN_ALG,
  type SubjectTokenWorkspace,
  subjectKeyPath,
  subjectTokenClaims,
  subjectTokenVerifier,
} from "../app/subject-tokens.js";
export {
  authenticateToken,
  isApiToken,
  issueToken,
  type Principal,
  type TokenRole,
  ttlMillis,
} from "../app/tokens.js";
export type { AccessEvent, AccessLogStore, Role, TokenRecord, TokenStore } from "../ports/access.js";
export { ROLES } from "../ports/access.js";

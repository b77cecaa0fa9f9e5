// the public surface for file locks: one holder across processes, dropped by the kernel when the holder dies.
export { describeOwner, type Lock, type LockOwner, lockOwner, takeLock } from "../io/lock.js";

// the public surface for the share gateway: the release run, its record sources and sinks, the locks it takes,
// and the compiled scope and row checks it runs.
export type { RecordSource, ReleaseSink, RunLocks } from "../engine/share/ports.js";
export { type ShareResult, share } from "../engine/share.js";
export { checkColumns, compileRowCheck } from "../engine/typecheck.js";
export { compileScope } from "../expr/compile.js";
export { folderSink } from "../io/folder-sink.js";
export { fileSource, streamSource } from "../io/record-source.js";

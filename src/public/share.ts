// the public surface for the share gateway: the release run, its record sources and sinks (a folder, a stream),
// the locks it takes, and the compiled scope and row checks it runs.
export type { RecordSource, ReleaseSink, RunLocks } from "../engine/share/ports.js";
export { type ShareResult, share } from "../engine/share.js";
export { checkColumns, compileRowCheck } from "../engine/typecheck.js";
export { compileScope } from "../expr/compile.js";
export { folderSink } from "../io/folder-sink.js";
export { fileSource, streamSource } from "../io/record-source.js";
export { type StreamSinkOptions, streamedFolder, streamSink } from "../io/stream-sink.js";

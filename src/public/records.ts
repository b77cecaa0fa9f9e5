// the public surface for record files: readers of CSV, JSON Lines and Parquet in batches.
export { openReader, type RecordFormat } from "../io/records/index.js";

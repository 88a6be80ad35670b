/**
 * "Generate LookML from dbt". `generate` is what the VS Code command and the CLI call;
 * `readGeneratedHeader` and `isHandEdited` let the language server recognise generated files.
 */
export { generate, generateFromArtifacts, placeView } from "./generate";
export type { ArtifactsInput, GenerateOptions } from "./generate";
export { contentHash, isHandEdited, readGeneratedHeader, withGeneratedHeader } from "./header";
export type { GeneratedHeader } from "./header";
export { mapWarehouseType, parseBigQueryType } from "./warehouseTypes";
export type { ColumnType, TimeDatatype } from "./warehouseTypes";
export { formatSummary, summaryFailed } from "./summary";
export type {
  FileError,
  GeneratedView,
  GenerateSummary,
  GenerateWarning,
  RefusedFile,
  SkippedModel,
} from "./summary";

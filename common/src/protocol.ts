/**
 * Custom messages between the Analytics Ops client and its language server. Each has one
 * definition here, imported by both sides.
 */

/**
 * The server's state, as the status bar shows it. `stale` means the last good index is kept
 * while a dbt artifact is being rewritten or failed to load.
 */
export type ServerState =
  | { kind: "starting" }
  | { kind: "indexing"; detail: string }
  | { kind: "ready"; lookmlFiles: number; dbtModels: number; tookMs: number }
  | { kind: "stale"; reason: string }
  | { kind: "failed"; message: string };

/** Server → client, whenever the state changes, so the status bar can follow it. */
export const stateNotification = "analyticsOps/state";

/** Parameters of the generate request; paths are absolute file system paths. */
export interface GenerateParams {
  /** The dbt project folder (holding dbt_project.yml). */
  dbtProjectDir: string;
  /** Where views are written. */
  outDir: string;
  targetDir?: string;
  select?: string[];
  documentedOnly?: boolean;
}

/** What a generator run did, counted, with the text the log shows. */
export interface GenerateResult {
  written: number;
  unchanged: number;
  skipped: number;
  refused: number;
  errors: number;
  /** The generator's own summary, one line per file and problem. */
  text: string;
  outDir: string;
}

/**
 * Client → server: run "Generate LookML from dbt". The client owns the UI (progress, summary);
 * the server owns the work so the editor and the CLI share one implementation.
 */
export const generateRequest = "analyticsOps/generate";

/** Where the server finds dbt and LookML projects; answered to the client for its pickers. */
export interface ProjectsResult {
  dbtProjects: { dir: string; name: string }[];
  lookmlProjects: { dir: string }[];
}

/** Client → server: list the projects the index found (used to pre-fill the generate command). */
export const projectsRequest = "analyticsOps/projects";

/**
 * The custom requests behind "Generate LookML from dbt": the projects the index found, and the
 * generator run itself, whose summary the client shows.
 */
import * as path from "node:path";
import type { Connection } from "vscode-languageserver/node";
import type { GenerateParams, GenerateResult, ProjectsResult } from "../../../common/src/protocol";
import { generate } from "../generate";
import { formatSummary } from "../generate/summary";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";

export function listProjects(index: WorkspaceIndex | undefined): ProjectsResult {
  if (index === undefined) return { dbtProjects: [], lookmlProjects: [] };
  return {
    dbtProjects: index
      .dbtProjects()
      .map((p) => ({ dir: p.dir, name: p.project.name ?? path.basename(p.dir) })),
    lookmlProjects: index.allProjects().map((p) => ({ dir: p.root })),
  };
}

export async function runGenerate(
  connection: Connection,
  trusted: boolean,
  params: GenerateParams,
): Promise<GenerateResult> {
  if (!trusted) throw new Error("Generating LookML writes files; trust this workspace first.");
  const summary = await generate({
    ...params,
    log: (line) => {
      connection.console.info(line);
    },
  });
  return {
    written: summary.written.length,
    unchanged: summary.unchanged.length,
    skipped: summary.skipped.length,
    refused: summary.refused.length,
    errors: summary.errors.length,
    text: formatSummary(summary, params.outDir),
    outDir: summary.outDir,
  };
}

import * as vscode from "vscode";
import { defaultCategories } from "../../../server/src/bugs/record";
import type { TrackerSettings } from "../../../server/src/bugs/tracker";

/** The `analyticsOps.bugs.*` settings of one folder. */
export interface BugSettings {
  /** Relative to the repository root; empty means `.analytics-ops/bugs.jsonl`. */
  ledgerPath: string;
  categories: string[];
  reportWindow: string;
  tracker: TrackerSettings;
}

/** Reads the bug settings that apply to `scope` (a file or folder in the workspace). */
export function readBugSettings(scope: vscode.Uri | undefined): BugSettings {
  const config = vscode.workspace.getConfiguration("analyticsOps.bugs", scope);
  const categories = config.get<unknown>("categories");
  const list = Array.isArray(categories)
    ? categories.filter((c): c is string => typeof c === "string" && c.trim() !== "")
    : [];
  return {
    ledgerPath: config.get<string>("ledgerPath", ""),
    categories: list.length > 0 ? list : defaultCategories,
    reportWindow: config.get<string>("reportWindow", "3m"),
    tracker: readTracker(config),
  };
}

function readTracker(config: vscode.WorkspaceConfiguration): TrackerSettings {
  switch (config.get<string>("tracker.kind", "none")) {
    case "github":
      return { kind: "github", repository: config.get<string>("tracker.githubRepository", "") };
    case "jira":
      return {
        kind: "jira",
        baseUrl: config.get<string>("tracker.jiraBaseUrl", ""),
        projectId: config.get<string>("tracker.jiraProjectId", ""),
        issueTypeId: config.get<string>("tracker.jiraIssueTypeId", ""),
      };
    default:
      return { kind: "none" };
  }
}

/**
 * A link that opens the team's issue tracker with a new issue filled in from a filed bug:
 * GitHub's `issues/new` page or Jira's create-issue screen. The browser does the rest under the
 * person's own login, so no token is stored anywhere.
 */
import type { Bug } from "./ledger";
import { rootCauseLabel } from "./record";

/** Which tracker to open, from the settings. */
export type TrackerSettings =
  | { kind: "none" }
  /** `repository` is `owner/name` on github.com, or the repository's URL (GitHub Enterprise). */
  | { kind: "github"; repository: string }
  /** `baseUrl` is the Jira site; `projectId` and `issueTypeId` are Jira's numeric ids. */
  | { kind: "jira"; baseUrl: string; projectId: string; issueTypeId: string };

/** The label that carries the root cause: `root cause: own predictable error`. */
export function rootCauseTrackerLabel(bug: Bug): string {
  return `root cause: ${rootCauseLabel(bug.rootCause)}`;
}

/** The prefilled new-issue URL; undefined when no tracker is set or its settings are incomplete. */
export function trackerUrl(
  settings: TrackerSettings,
  bug: Bug,
  ledgerFile: string,
): string | undefined {
  switch (settings.kind) {
    case "github":
      return githubUrl(settings.repository, bug, ledgerFile);
    case "jira":
      return jiraUrl(settings, bug, ledgerFile);
    default:
      return undefined;
  }
}

/** The issue text: the bug's facts, one per line, then where the ledger keeps it. */
export function issueBody(bug: Bug, ledgerFile: string): string {
  const facts: [string, string | undefined][] = [
    ["Category", bug.category],
    ["Root cause", rootCauseLabel(bug.rootCause)],
    [
      "LookML",
      bug.file === undefined
        ? undefined
        : `${bug.file}${bug.line === undefined ? "" : `:${String(bug.line)}`}`,
    ],
    ["Explore", bug.explore],
    ["View", bug.view],
    ["dbt model", bug.model],
    ["Diagnostic", bug.diagnostic],
    ["Filed by", bug.openedBy],
  ];
  const lines = facts.flatMap(([name, value]) =>
    value === undefined ? [] : [`- ${name}: ${value}`],
  );
  return `${lines.join("\n")}\n\nLedger: \`${ledgerFile}\`, bug \`${bug.id}\`\n`;
}

function githubUrl(repository: string, bug: Bug, ledgerFile: string): string | undefined {
  const base = githubBase(repository);
  if (base === undefined) return undefined;
  const query = [
    ["title", bug.title],
    ["body", issueBody(bug, ledgerFile)],
    ["labels", rootCauseTrackerLabel(bug)],
  ];
  return `${base}/issues/new?${encodeQuery(query)}`;
}

/** `owner/name` or a repository URL, without `.git` or a trailing slash. */
function githubBase(repository: string): string | undefined {
  const trimmed = repository
    .trim()
    .replace(/\/+$/, "")
    .replace(/\.git$/, "");
  if (/^[\w.-]+\/[\w.-]+$/.test(trimmed)) return `https://github.com/${trimmed}`;
  return /^https?:\/\/[^/]+\/[\w.-]+\/[\w.-]+$/.test(trimmed) ? trimmed : undefined;
}

function jiraUrl(
  settings: { baseUrl: string; projectId: string; issueTypeId: string },
  bug: Bug,
  ledgerFile: string,
): string | undefined {
  const base = settings.baseUrl.trim().replace(/\/+$/, "");
  if (!/^https?:\/\//.test(base) || settings.projectId.trim() === "") return undefined;
  const query = [
    ["pid", settings.projectId.trim()],
    ["issuetype", settings.issueTypeId.trim()],
    ["summary", bug.title],
    ["description", issueBody(bug, ledgerFile)],
    // Jira labels cannot contain spaces.
    ["labels", `root-cause-${bug.rootCause}`],
  ].filter(([, value]) => value !== "");
  return `${base}/secure/CreateIssueDetails!init.jspa?${encodeQuery(query)}`;
}

function encodeQuery(pairs: string[][]): string {
  return pairs.map(([key = "", value = ""]) => `${key}=${encodeURIComponent(value)}`).join("&");
}
